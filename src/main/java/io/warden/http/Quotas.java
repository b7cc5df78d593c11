package io.warden.http;

import io.warden.config.WardenConfig;
import io.warden.raft.StateReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The limits on what the group holds (sessions, locks, waiters per lock, members per group) and on what
 * a node holds open (long polls), each answering 429 {@code urn:warden:limit} with Retry-After instead
 * of letting memory, snapshots and list answers grow without bound. State limits are checked against
 * this node's applied state before proposing: requests in flight at the same moment may pass together,
 * so a limit can be exceeded by at most what is in flight, never by a steady stream.
 */
@ApplicationScoped
public class Quotas {

    @Inject
    WardenConfig config;

    @Inject
    StateReads state;

    private final AtomicInteger openLongPolls = new AtomicInteger();

    void checkNewSession() {
        int max = config.limits().maxSessions();
        if (state.readLocal(r -> r.sessionCount()).value() >= max) {
            throw limit("the group holds " + max + " sessions, the most it takes (warden.limits.max-sessions)",
                    "sessions", max);
        }
    }

    /** An acquire of {@code lock}; {@code mayQueue} when it would wait if the lock is held. */
    void checkAcquire(String lock, boolean mayQueue) {
        var limits = config.limits();
        boolean inUse = state.readLocal(r -> r.lockInUse(lock)).value();
        if (!inUse && state.readLocal(r -> r.lockCount()).value() >= limits.maxLocks()) {
            throw limit("the group holds " + limits.maxLocks() + " locks in use, the most it takes"
                    + " (warden.limits.max-locks)", "locks", limits.maxLocks());
        }
        if (mayQueue && state.readLocal(r -> r.waitersOf(lock)).value() >= limits.maxWaitersPerLock()) {
            throw limit(limits.maxWaitersPerLock() + " sessions already wait for lock '" + lock + "'"
                    + " (warden.limits.max-waiters-per-lock)", "waiters", limits.maxWaitersPerLock());
        }
    }

    void checkNewMember(String group, String member) {
        int max = config.limits().maxMembersPerGroup();
        boolean known = state.readLocal(r -> r.hasMember(group, member)).value();
        if (!known && state.readLocal(r -> r.membersOf(group)).value() >= max) {
            throw limit("group '" + group + "' has " + max + " members, the most it takes"
                    + " (warden.limits.max-members-per-group)", "members", max);
        }
    }

    /** Takes a place for a request held open; the caller must {@link #closeLongPoll()} when it ends. */
    void openLongPoll() {
        int max = config.limits().maxLongPolls();
        if (openLongPolls.incrementAndGet() > max) {
            openLongPolls.decrementAndGet();
            throw limit("this node holds " + max + " waiting requests open, the most it takes"
                    + " (warden.limits.max-long-polls)", "long-polls", max);
        }
    }

    void closeLongPoll() {
        openLongPolls.decrementAndGet();
    }

    /** Requests this node holds open now (for metrics and tests). */
    public int openLongPolls() {
        return openLongPolls.get();
    }

    private static ProblemException limit(String detail, String what, int max) {
        return new ProblemException(ProblemType.LIMIT, detail).with("limit", what).with("max", max);
    }
}
