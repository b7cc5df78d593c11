package io.warden.http;

import io.warden.config.WardenConfig;
import io.warden.raft.StateReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

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
        // One look at the state (one turn of its lock) on this hot path: locks beyond the limit count
        // only for a lock not in use yet, waiters only for a request that may queue.
        String full = state.readLocal(r -> {
            if (!r.lockInUse(lock) && r.lockCount() >= limits.maxLocks()) {
                return "locks";
            }
            return mayQueue && r.waitersOf(lock) >= limits.maxWaitersPerLock() ? "waiters" : null;
        }).value();
        if ("locks".equals(full)) {
            throw limit("the group holds " + limits.maxLocks() + " locks in use, the most it takes"
                    + " (warden.limits.max-locks)", "locks", limits.maxLocks());
        }
        if ("waiters".equals(full)) {
            throw limit(limits.maxWaitersPerLock() + " sessions already wait for lock '" + lock + "'"
                    + " (warden.limits.max-waiters-per-lock)", "waiters", limits.maxWaitersPerLock());
        }
    }

    /** Elections count against the same bounds as locks: how many are in use, how many wait on one. */
    void checkCampaign(String election, boolean mayQueue) {
        var limits = config.limits();
        String full = state.readLocal(r -> {
            if (!r.electionInUse(election) && r.electionCount() >= limits.maxLocks()) {
                return "elections";
            }
            return mayQueue && r.candidatesOf(election) >= limits.maxWaitersPerLock() ? "candidates" : null;
        }).value();
        if ("elections".equals(full)) {
            throw limit("the group holds " + limits.maxLocks() + " elections in use, the most it takes"
                    + " (warden.limits.max-locks)", "elections", limits.maxLocks());
        }
        if ("candidates".equals(full)) {
            throw limit(limits.maxWaitersPerLock() + " sessions already stand in election '" + election + "'"
                    + " (warden.limits.max-waiters-per-lock)", "candidates", limits.maxWaitersPerLock());
        }
    }

    void checkNewMember(String group, String member) {
        int max = config.limits().maxMembersPerGroup();
        boolean full = state.readLocal(r -> !r.hasMember(group, member) && r.membersOf(group) >= max).value();
        if (full) {
            throw limit("group '" + group + "' has " + max + " members, the most it takes"
                    + " (warden.limits.max-members-per-group)", "members", max);
        }
    }

    /**
     * Runs a request that holds a place among this node's open long polls until its answer is done;
     * 429 when none is free. The place is given back however the request ends, thrown at once included.
     */
    <T> CompletableFuture<T> holdingLongPoll(Supplier<CompletableFuture<T>> request) {
        int max = config.limits().maxLongPolls();
        if (openLongPolls.incrementAndGet() > max) {
            openLongPolls.decrementAndGet();
            throw limit("this node holds " + max + " waiting requests open, the most it takes"
                    + " (warden.limits.max-long-polls)", "long-polls", max);
        }
        CompletableFuture<T> answer;
        try {
            answer = request.get();
        } catch (RuntimeException e) {
            openLongPolls.decrementAndGet();
            throw e;
        }
        return answer.whenComplete((value, error) -> openLongPolls.decrementAndGet());
    }

    private static ProblemException limit(String detail, String what, int max) {
        return new ProblemException(ProblemType.LIMIT, detail).with("limit", what).with("max", max);
    }
}
