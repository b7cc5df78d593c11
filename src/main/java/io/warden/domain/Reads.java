package io.warden.domain;

import io.warden.domain.acl.AclToken;
import io.warden.domain.election.ElectionView;
import io.warden.domain.lock.LockView;
import io.warden.domain.member.GroupView;
import io.warden.domain.session.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Read-only answers assembled from the tables; callers hold the state's monitor while they read. */
public final class Reads {

    private final WardenState state;

    public Reads(WardenState state) {
        this.state = state;
    }

    public Optional<AclToken> token(String id) {
        return state.acl().token(id);
    }

    public Page<AclToken> tokens(String after, int limit) {
        return Page.of(state.acl().after(after, limit + 1), limit, AclToken::id);
    }

    /** The token that created the session, if one did. */
    public Optional<String> ownerOf(String sessionId) {
        return state.acl().ownerOf(sessionId);
    }

    public Optional<SessionView> session(String id) {
        return state.sessions().find(id).map(this::view);
    }

    /** A page of at most {@code limit} sessions after the id {@code after} (null: from the first). */
    public Page<SessionView> sessions(String after, int limit) {
        List<SessionView> views = new ArrayList<>();
        for (Session s : state.sessions().after(after, limit + 1)) {
            views.add(view(s));
        }
        return Page.of(views, limit, SessionView::id);
    }

    /** A page of at most {@code limit} locks in use under {@code prefix}, after the name {@code after}. */
    public Page<LockInfo> locks(String prefix, String after, int limit) {
        List<LockInfo> infos = new ArrayList<>();
        for (LockView view : state.locks().list(prefix, after, limit + 1)) {
            infos.add(info(view));
        }
        return Page.of(infos, limit, LockInfo::name);
    }

    /** A page of at most {@code limit} groups after the name {@code after}. */
    public Page<GroupView> groups(String after, int limit) {
        return Page.of(state.membership().list(after, limit + 1), limit, GroupView::group);
    }

    public LockInfo lock(String name) {
        return info(state.locks().view(name));
    }

    /** Sizes for metrics, counted in the tables without building views. */
    public int sessionCount() {
        return state.sessions().size();
    }

    public int locksHeld() {
        return state.locks().heldCount();
    }

    public int lockWaiters() {
        return state.locks().waiterCount();
    }

    public int memberCount() {
        return state.membership().memberCount();
    }

    /** Locks that are held or have waiters (any other name is a free lock the state does not store). */
    public int lockCount() {
        return state.locks().size();
    }

    /** Whether the lock is held or has waiters. */
    public boolean lockInUse(String lock) {
        return state.locks().inUse(lock);
    }

    public int waitersOf(String lock) {
        return state.locks().waitersOf(lock);
    }

    public boolean hasMember(String group, String member) {
        return state.membership().find(group, member).isPresent();
    }

    public int membersOf(String group) {
        return state.membership().view(group).members().size();
    }

    public WaiterState waiter(String lock, String sessionId) {
        boolean alive = state.sessions().contains(sessionId);
        Long fence = state.locks().grantOf(lock, sessionId).map(g -> g.fence()).orElse(null);
        return new WaiterState(alive, fence, state.locks().isWaiting(lock, sessionId));
    }

    public GroupView group(String name) {
        return state.membership().view(name);
    }

    public ElectionView election(String name) {
        return state.elections().view(name);
    }

    /** A page of at most {@code limit} elections with a leader or candidates, after the name {@code after}. */
    public Page<ElectionView> elections(String after, int limit) {
        return Page.of(state.elections().list(after, limit + 1), limit, ElectionView::name);
    }

    /** Where a campaigning session stands: alive, leading (with its term), still a candidate. */
    public WaiterState candidacy(String election, String sessionId) {
        boolean alive = state.sessions().contains(sessionId);
        Long term = state.elections().leading(election, sessionId).map(g -> g.fence()).orElse(null);
        return new WaiterState(alive, term, state.elections().isCandidate(election, sessionId));
    }

    public String candidacyValue(String election, String sessionId) {
        return state.elections().valueOf(election, sessionId);
    }

    /** Elections with a leader or candidates. */
    public int electionCount() {
        return state.elections().size();
    }

    /** Whether the election has a leader or candidates. */
    public boolean electionInUse(String election) {
        return state.elections().inUse(election);
    }

    public int candidatesOf(String election) {
        return state.elections().candidatesOf(election);
    }

    private LockInfo info(LockView view) {
        String holderName = view.holder() == null
                ? null
                : state.sessions().find(view.holder()).map(Session::name).orElse(null);
        return new LockInfo(view.name(), view.holder(), holderName, view.fence(), view.waiters().size());
    }

    private SessionView view(Session s) {
        return new SessionView(s.id(), s.name(), s.ttlMs(), s.deadlineMs(), state.locks().heldBy(s.id()),
                state.membership().membersOf(s.id()));
    }
}
