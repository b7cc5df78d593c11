package io.warden.domain;

import io.warden.domain.Command.Acquire;
import io.warden.domain.Command.AcquireOneShot;
import io.warden.domain.Command.CancelWait;
import io.warden.domain.Command.CreateSession;
import io.warden.domain.Command.DeleteMember;
import io.warden.domain.Command.DeleteSession;
import io.warden.domain.Command.ExpireSessions;
import io.warden.domain.Command.ExtendSessions;
import io.warden.domain.Command.KeepAlive;
import io.warden.domain.Command.PutMember;
import io.warden.domain.Command.Campaign;
import io.warden.domain.Command.Proclaim;
import io.warden.domain.Command.Release;
import io.warden.domain.Command.Resign;
import io.warden.domain.Command.WithdrawCandidacy;
import io.warden.domain.election.ElectionRules;
import io.warden.domain.election.Elections;
import io.warden.domain.idempotency.IdempotencyTable;
import io.warden.domain.lock.FenceCounter;
import io.warden.domain.lock.Grant;
import io.warden.domain.lock.LockTable;
import io.warden.domain.member.Member;
import io.warden.domain.member.Membership;
import io.warden.domain.session.LeaderTerms;
import io.warden.domain.session.Session;
import io.warden.domain.session.SessionTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Warden's replicated state and its one way to change: {@link #apply(LogEntry, long, long)}. Apply is
 * deterministic: it reads time only from the entry, the term only from the log, and makes no random
 * choices, so every node that applies the same log holds the same state. Callers serialize access (one applier, readers under the
 * same monitor).
 */
public final class WardenState {

    /** How long an idempotency key answers with its first result. */
    public static final long IDEMPOTENCY_RETENTION_MS = 10 * 60 * 1000;
    /** At most this many keys are remembered; beyond it the oldest is forgotten first. */
    public static final int IDEMPOTENCY_MAX_KEYS = 100_000;

    private final SessionTable sessions = new SessionTable();
    /** Lock fences and election terms come from one counter, so both are unique and ordered together. */
    private final FenceCounter fences = new FenceCounter();
    private final LockTable locks = new LockTable(fences);
    private final Elections elections = new Elections(fences);
    private final Membership membership = new Membership();
    private final IdempotencyTable idempotency = new IdempotencyTable(IDEMPOTENCY_RETENTION_MS, IDEMPOTENCY_MAX_KEYS);
    private final LeaderTerms terms = new LeaderTerms();
    private final ElectionRules electionRules = new ElectionRules(elections, sessions::contains);
    private long appliedIndex;

    /** Applies the entry at {@code logIndex}, which the leader of {@code term} appended. */
    public Applied apply(LogEntry entry, long logIndex, long term) {
        // Every entry forgets the idempotency keys past retention (a look at the oldest when none is),
        // so the table's size follows the key rate, not how often sessions happen to expire.
        idempotency.purge(entry.leaderTimeMs());
        Changes changes = new Changes();
        List<Result> results = new ArrayList<>(entry.proposals().size());
        for (Proposal proposal : entry.proposals()) {
            results.add(applyOne(proposal, entry.leaderTimeMs(), logIndex, term, changes));
        }
        appliedIndex = logIndex;
        return new Applied(logIndex, results, changes);
    }

    private Result applyOne(Proposal proposal, long nowMs, long logIndex, long term, Changes changes) {
        String key = proposal.idempotencyKey();
        if (key != null) {
            Optional<IdempotencyTable.Entry> seen = idempotency.find(key, nowMs);
            if (seen.isPresent()) {
                boolean sameRequest = seen.get().fingerprint() == null
                        ? proposal.fingerprint() == null
                        : seen.get().fingerprint().equals(proposal.fingerprint());
                return sameRequest ? seen.get().result() : new Result.KeyReused(key);
            }
        }
        Result result = execute(proposal.command(), nowMs, logIndex, term, changes);
        if (key != null) {
            idempotency.record(key, proposal.fingerprint(), nowMs, result);
        }
        return result;
    }

    private Result execute(Command command, long nowMs, long logIndex, long term, Changes changes) {
        // Java 17 has no pattern switch; the chain ends in an exhaustive error for a new command type.
        if (command instanceof CreateSession c) {
            return createSession(c.sessionId(), c.name(), c.ttlMs(), nowMs);
        } else if (command instanceof KeepAlive k) {
            return keepAlive(k.sessionId(), nowMs);
        } else if (command instanceof DeleteSession d) {
            return deleteSession(d.sessionId(), logIndex, changes);
        } else if (command instanceof ExpireSessions e) {
            return expireSessions(e, nowMs, logIndex, term, changes);
        } else if (command instanceof ExtendSessions e) {
            return extendSessions(e, nowMs, term);
        } else if (command instanceof Acquire a) {
            return acquire(a.lock(), a.sessionId(), a.queueIfHeld(), waitDeadline(nowMs, a.waitMs()), changes);
        } else if (command instanceof AcquireOneShot a) {
            return acquireOneShot(a, nowMs, logIndex, changes);
        } else if (command instanceof CancelWait c) {
            return cancelWait(c.lock(), c.sessionId(), logIndex, changes);
        } else if (command instanceof Release r) {
            return release(r, logIndex, changes);
        } else if (command instanceof PutMember p) {
            return putMember(p, logIndex, changes);
        } else if (command instanceof DeleteMember d) {
            return deleteMember(d.group(), d.member(), logIndex, changes);
        } else if (command instanceof Campaign c) {
            return electionRules.campaign(c, waitDeadline(nowMs, c.waitMs()), logIndex, changes);
        } else if (command instanceof WithdrawCandidacy w) {
            return electionRules.withdraw(w.election(), w.sessionId(), logIndex, changes);
        } else if (command instanceof Proclaim p) {
            return electionRules.proclaim(p, logIndex, changes);
        } else if (command instanceof Resign r) {
            return electionRules.resign(r, logIndex, changes);
        }
        throw new IllegalStateException("no rule for " + command.getClass().getSimpleName());
    }

    private Result createSession(String id, String name, long ttlMs, long nowMs) {
        if (sessions.contains(id)) {
            // Ids are random UUIDs; a clash means a replayed proposal, never a second session.
            return sessionInfo(sessions.find(id).orElseThrow(), nowMs);
        }
        Session session = new Session(id, name, ttlMs, nowMs + ttlMs, false, false);
        sessions.put(session);
        return sessionInfo(session, nowMs);
    }

    private Result keepAlive(String id, long nowMs) {
        Optional<Session> found = sessions.find(id);
        if (found.isEmpty()) {
            return new Result.SessionNotFound(id);
        }
        Session renewed = found.get().renewedAt(nowMs);
        sessions.put(renewed);
        return sessionInfo(renewed, nowMs);
    }

    private Result deleteSession(String id, long logIndex, Changes changes) {
        if (!sessions.contains(id)) {
            return new Result.SessionNotFound(id);
        }
        endSession(id, false, logIndex, changes);
        return new Result.SessionDeleted(id);
    }

    private Result expireSessions(ExpireSessions e, long nowMs, long logIndex, long term, Changes changes) {
        if (!terms.admitsExpiry(e.term(), term)) {
            return new Result.SessionsExpired(List.of());
        }
        long asOf = Math.min(nowMs, e.asOfMs());
        List<String> due = sessions.dueAt(asOf);
        for (String id : due) {
            endSession(id, true, logIndex, changes);
        }
        // Waits nobody cancelled in time: their caller is gone, so they must not be granted a lock.
        for (LockTable.WaitDue wait : locks.waitsDueAt(asOf)) {
            withdrawWait(wait.lock(), wait.session(), logIndex, changes);
        }
        for (LockTable.WaitDue wait : elections.waitsDueAt(asOf)) {
            electionRules.withdraw(wait.lock(), wait.session(), logIndex, changes);
        }
        return new Result.SessionsExpired(due);
    }

    private Result extendSessions(ExtendSessions e, long nowMs, long term) {
        if (!terms.admitsExtension(e.term(), term)) {
            return new Result.SessionsExtended(0);
        }
        terms.extended(term);
        return new Result.SessionsExtended(sessions.extendAll(nowMs));
    }

    /** Ends a session as DELETE does: its locks pass to their next waiters, its members leave. */
    private void endSession(String id, boolean expired, long logIndex, Changes changes) {
        for (String lock : locks.locksOf(id)) {
            changes.lockChanged(lock);
            changes.waiterChanged(lock, id);
        }
        for (Grant grant : locks.removeSession(id)) {
            changes.granted(grant);
        }
        for (String group : membership.removeSession(id, logIndex)) {
            changes.groupChanged(group);
        }
        for (String election : elections.electionsOf(id)) {
            changes.election(election);
            changes.candidacy(election, id);
        }
        elections.removeSession(id, logIndex).forEach(ElectionRules.reportWins(changes));
        sessions.remove(id);
        changes.sessionEnded(id, expired);
    }

    /** The leader time a queued wait of {@code waitMs} is withdrawn by the log, saturating. */
    private static long waitDeadline(long nowMs, long waitMs) {
        if (waitMs < 0 || waitMs >= LockTable.NO_DEADLINE - Math.max(0, nowMs)) {
            return LockTable.NO_DEADLINE;
        }
        return nowMs + waitMs;
    }

    private Result acquire(String lock, String sessionId, boolean queueIfHeld, long waitDeadlineMs, Changes changes) {
        if (!sessions.contains(sessionId)) {
            return new Result.SessionNotFound(sessionId);
        }
        Optional<Grant> held = locks.grantOf(lock, sessionId);
        if (held.isPresent()) {
            return granted(held.get());
        }
        if (locks.isWaiting(lock, sessionId)) {
            return new Result.Queued(lock, sessionId);
        }
        Optional<Grant> grant = locks.tryGrant(lock, sessionId);
        if (grant.isPresent()) {
            changes.granted(grant.get());
            return granted(grant.get());
        }
        if (queueIfHeld) {
            locks.enqueue(lock, sessionId, waitDeadlineMs);
            changes.lockChanged(lock);
            return new Result.Queued(lock, sessionId);
        }
        return held(lock);
    }

    private Result acquireOneShot(AcquireOneShot a, long nowMs, long logIndex, Changes changes) {
        if (!sessions.contains(a.sessionId())) {
            sessions.put(new Session(a.sessionId(), null, a.ttlMs(), nowMs + a.ttlMs(), true, false));
        }
        Result result = acquire(a.lock(), a.sessionId(), a.queueIfHeld(), waitDeadline(nowMs, a.waitMs()), changes);
        if (result instanceof Result.Held) {
            endSession(a.sessionId(), false, logIndex, changes);
        }
        return result;
    }

    private Result cancelWait(String lock, String sessionId, long logIndex, Changes changes) {
        Optional<Session> session = sessions.find(sessionId);
        if (session.isEmpty()) {
            return new Result.SessionNotFound(sessionId);
        }
        Optional<Grant> held = locks.grantOf(lock, sessionId);
        if (held.isPresent()) {
            return granted(held.get());
        }
        Result notAcquired = held(lock);
        withdrawWait(lock, sessionId, logIndex, changes);
        return notAcquired;
    }

    /** Takes a session out of a lock's queue; a one-shot session, made for that wait, ends with it. */
    private void withdrawWait(String lock, String sessionId, long logIndex, Changes changes) {
        if (locks.withdraw(lock, sessionId)) {
            changes.lockChanged(lock);
            changes.waiterChanged(lock, sessionId);
        }
        if (sessions.find(sessionId).map(Session::oneShot).orElse(false)) {
            endSession(sessionId, false, logIndex, changes);
        }
    }

    private Result release(Release r, long logIndex, Changes changes) {
        Optional<Session> session = sessions.find(r.sessionId());
        if (session.isEmpty()) {
            return new Result.SessionNotFound(r.sessionId());
        }
        Optional<Grant> held = locks.grantOf(r.lock(), r.sessionId());
        if (held.isEmpty()) {
            return new Result.NotHolder(r.lock(), r.sessionId());
        }
        if (r.fence() != null && r.fence() != held.get().fence()) {
            return new Result.StaleFence(r.lock(), r.fence(), held.get().fence());
        }
        locks.release(r.lock(), r.sessionId()).ifPresent(changes::granted);
        changes.lockChanged(r.lock());
        if (session.get().oneShot()) {
            endSession(r.sessionId(), false, logIndex, changes);
        }
        return new Result.Released(r.lock());
    }

    private Result putMember(PutMember p, long logIndex, Changes changes) {
        if (!sessions.contains(p.sessionId())) {
            return new Result.SessionNotFound(p.sessionId());
        }
        Optional<Member> existing = membership.find(p.group(), p.member());
        if (existing.isPresent() && !existing.get().sessionId().equals(p.sessionId())) {
            return new Result.MemberTaken(p.group(), p.member(), existing.get().sessionId());
        }
        Member member = new Member(p.group(), p.member(), p.sessionId(), p.address(), p.metadataJson(), p.weight());
        membership.put(member, logIndex);
        changes.groupChanged(p.group());
        return new Result.MemberPut(p.group(), p.member(), p.sessionId(), p.address(), p.metadataJson(), p.weight(),
                logIndex);
    }

    private Result deleteMember(String group, String member, long logIndex, Changes changes) {
        if (!membership.remove(group, member, logIndex)) {
            return new Result.MemberNotFound(group, member);
        }
        changes.groupChanged(group);
        return new Result.MemberDeleted(group, member);
    }

    private Result granted(Grant grant) {
        return new Result.Granted(grant.lock(), grant.sessionId(), grant.fence());
    }

    private Result held(String lock) {
        var view = locks.view(lock);
        String holderName = view.holder() == null ? null : sessions.find(view.holder()).map(Session::name).orElse(null);
        return new Result.Held(lock, view.holder(), holderName, view.fence());
    }

    private static Result sessionInfo(Session s, long nowMs) {
        return new Result.SessionInfo(s.id(), s.name(), s.ttlMs(), s.deadlineMs() - nowMs);
    }

    // ---- reads and snapshot access; callers hold the same monitor as the applier ----

    public long appliedIndex() {
        return appliedIndex;
    }

    public SessionTable sessions() {
        return sessions;
    }

    public LockTable locks() {
        return locks;
    }

    public Membership membership() {
        return membership;
    }

    public Elections elections() {
        return elections;
    }

    public IdempotencyTable idempotency() {
        return idempotency;
    }

    public LeaderTerms terms() {
        return terms;
    }

    /** Discards all state, as a snapshot restore must before it loads. */
    public void reset(long newAppliedIndex) {
        sessions.clear();
        locks.clear();
        elections.clear();
        membership.clear();
        idempotency.clear();
        terms.restore(0);
        appliedIndex = newAppliedIndex;
    }
}
