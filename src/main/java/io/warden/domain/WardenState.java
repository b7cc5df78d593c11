package io.warden.domain;

import io.warden.domain.Command.Acquire;
import io.warden.domain.Command.AcquireOneShot;
import io.warden.domain.Command.CancelWait;
import io.warden.domain.Command.CreateSession;
import io.warden.domain.Command.CreateToken;
import io.warden.domain.Command.DeleteMember;
import io.warden.domain.Command.DeleteSession;
import io.warden.domain.Command.DeleteToken;
import io.warden.domain.Command.ExpireSessions;
import io.warden.domain.Command.ExtendSessions;
import io.warden.domain.Command.KeepAlive;
import io.warden.domain.Command.PutMember;
import io.warden.domain.Command.Campaign;
import io.warden.domain.Command.Proclaim;
import io.warden.domain.Command.Release;
import io.warden.domain.Command.Resign;
import io.warden.domain.Command.WithdrawCandidacy;
import io.warden.domain.acl.AclRules;
import io.warden.domain.acl.AclTable;
import io.warden.domain.election.ElectionRules;
import io.warden.domain.election.Elections;
import io.warden.domain.idempotency.IdempotencyTable;
import io.warden.domain.lock.FenceCounter;
import io.warden.domain.lock.LockRules;
import io.warden.domain.lock.LockTable;
import io.warden.domain.member.Member;
import io.warden.domain.member.MemberRules;
import io.warden.domain.member.Membership;
import io.warden.domain.session.LeaderTerms;
import io.warden.domain.session.Session;
import io.warden.domain.session.SessionRules;
import io.warden.domain.session.SessionTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Warden's replicated state and its one way to change: {@link #apply(LogEntry, long, long)}. Each area's
 * rules live with the area ({@link SessionRules}, {@link LockRules}, {@link MemberRules},
 * {@link ElectionRules}); this class dispatches a command to them and does what crosses areas: a
 * session's end, one-shot leases, the expiry of sessions and waits, idempotent replays. Apply is
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
    private final SessionRules sessionRules = new SessionRules(sessions, terms);
    private final LockRules lockRules = new LockRules(locks, sessions::contains,
            id -> sessions.find(id).map(Session::name).orElse(null));
    private final MemberRules memberRules = new MemberRules(membership, sessions::contains);
    private final ElectionRules electionRules = new ElectionRules(elections, sessions::contains);
    private final AclTable acl = new AclTable();
    private final AclRules aclRules = new AclRules(acl,
            (group, member) -> membership.find(group, member).map(Member::sessionId).orElse(null));
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
        Result result = aclRules.refusal(proposal.principal(), proposal.command());
        if (result == null) {
            result = execute(proposal.command(), nowMs, logIndex, term, changes);
            ownNewSession(proposal, result);
        }
        if (key != null) {
            idempotency.record(key, proposal.fingerprint(), nowMs, result);
        }
        return result;
    }

    private Result execute(Command command, long nowMs, long logIndex, long term, Changes changes) {
        // Java 17 has no pattern switch; the chain ends in an exhaustive error for a new command type.
        if (command instanceof CreateSession c) {
            return sessionRules.create(c.sessionId(), c.name(), c.ttlMs(), nowMs, changes);
        } else if (command instanceof KeepAlive k) {
            return sessionRules.keepAlive(k.sessionId(), nowMs);
        } else if (command instanceof DeleteSession d) {
            return deleteSession(d.sessionId(), logIndex, changes);
        } else if (command instanceof ExpireSessions e) {
            return expireSessions(e, nowMs, logIndex, term, changes);
        } else if (command instanceof ExtendSessions e) {
            return sessionRules.extend(e, nowMs, term);
        } else if (command instanceof Acquire a) {
            return lockRules.acquire(a.lock(), a.sessionId(), a.queueIfHeld(), waitDeadline(nowMs, a.waitMs()), changes);
        } else if (command instanceof AcquireOneShot a) {
            return acquireOneShot(a, nowMs, logIndex, changes);
        } else if (command instanceof CancelWait c) {
            return cancelWait(c.lock(), c.sessionId(), logIndex, changes);
        } else if (command instanceof Release r) {
            return release(r, logIndex, changes);
        } else if (command instanceof PutMember p) {
            return memberRules.put(p, logIndex, changes);
        } else if (command instanceof DeleteMember d) {
            return memberRules.delete(d.group(), d.member(), logIndex, changes);
        } else if (command instanceof Campaign c) {
            return electionRules.campaign(c, waitDeadline(nowMs, c.waitMs()), logIndex, changes);
        } else if (command instanceof WithdrawCandidacy w) {
            return electionRules.withdraw(w.election(), w.sessionId(), logIndex, changes);
        } else if (command instanceof Proclaim p) {
            return electionRules.proclaim(p, logIndex, changes);
        } else if (command instanceof Resign r) {
            return electionRules.resign(r, logIndex, changes);
        } else if (command instanceof CreateToken c) {
            return aclRules.createToken(c);
        } else if (command instanceof DeleteToken d) {
            return aclRules.deleteToken(d);
        }
        throw new IllegalStateException("no rule for " + command.getClass().getSimpleName());
    }

    // ---- what crosses areas: a session's end, one-shot leases, the log's own expiry, ownership ----

    /** A session made by a token belongs to it, a one-shot lease included (while it lives). */
    private void ownNewSession(Proposal proposal, Result result) {
        if (proposal.command() instanceof CreateSession c && result instanceof Result.SessionInfo) {
            aclRules.sessionCreated(c.sessionId(), proposal.principal());
        } else if (proposal.command() instanceof AcquireOneShot a && sessions.contains(a.sessionId())) {
            aclRules.sessionCreated(a.sessionId(), proposal.principal());
        }
    }

    private Result deleteSession(String id, long logIndex, Changes changes) {
        if (!sessions.contains(id)) {
            return new Result.SessionNotFound(id);
        }
        endSession(id, false, logIndex, changes);
        return new Result.SessionDeleted(id);
    }

    private Result expireSessions(ExpireSessions e, long nowMs, long logIndex, long term, Changes changes) {
        if (!sessionRules.admitsExpiry(e, term)) {
            return new Result.SessionsExpired(List.of());
        }
        long asOf = SessionRules.asOf(e, nowMs);
        List<String> due = sessionRules.dueAt(asOf);
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

    /**
     * Ends a session as DELETE does: its locks pass to their next waiters, its members leave, its terms
     * pass to the next candidates. Watchers hear each loss before what it handed on, and the session's end last.
     */
    private void endSession(String id, boolean expired, long logIndex, Changes changes) {
        lockRules.sessionEnded(id, changes);
        memberRules.sessionEnded(id, logIndex, changes);
        electionRules.sessionEnded(id, logIndex, changes);
        sessionRules.end(id, expired, changes);
        aclRules.sessionEnded(id);
    }

    /** The leader time a queued wait of {@code waitMs} is withdrawn by the log, saturating. */
    private static long waitDeadline(long nowMs, long waitMs) {
        if (waitMs < 0 || waitMs >= LockTable.NO_DEADLINE - Math.max(0, nowMs)) {
            return LockTable.NO_DEADLINE;
        }
        return nowMs + waitMs;
    }

    private Result acquireOneShot(AcquireOneShot a, long nowMs, long logIndex, Changes changes) {
        sessionRules.createOneShot(a.sessionId(), a.ttlMs(), nowMs, changes);
        Result result = lockRules.acquire(a.lock(), a.sessionId(), a.queueIfHeld(), waitDeadline(nowMs, a.waitMs()),
                changes);
        if (result instanceof Result.Held) {
            endSession(a.sessionId(), false, logIndex, changes);
        }
        return result;
    }

    private Result cancelWait(String lock, String sessionId, long logIndex, Changes changes) {
        if (!sessions.contains(sessionId)) {
            return new Result.SessionNotFound(sessionId);
        }
        Result result = lockRules.cancelWait(lock, sessionId, changes);
        if (!(result instanceof Result.Granted)) {
            endIfOneShot(sessionId, logIndex, changes);
        }
        return result;
    }

    /** Takes a session out of a lock's queue; a one-shot session, made for that wait, ends with it. */
    private void withdrawWait(String lock, String sessionId, long logIndex, Changes changes) {
        lockRules.withdraw(lock, sessionId, changes);
        endIfOneShot(sessionId, logIndex, changes);
    }

    private Result release(Release r, long logIndex, Changes changes) {
        if (!sessions.contains(r.sessionId())) {
            return new Result.SessionNotFound(r.sessionId());
        }
        Result result = lockRules.release(r.lock(), r.sessionId(), r.fence(), changes);
        if (result instanceof Result.Released) {
            endIfOneShot(r.sessionId(), logIndex, changes);
        }
        return result;
    }

    private void endIfOneShot(String sessionId, long logIndex, Changes changes) {
        if (sessionRules.isOneShot(sessionId)) {
            endSession(sessionId, false, logIndex, changes);
        }
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

    public AclTable acl() {
        return acl;
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
        acl.clear();
        idempotency.clear();
        terms.restore(0);
        appliedIndex = newAppliedIndex;
    }
}
