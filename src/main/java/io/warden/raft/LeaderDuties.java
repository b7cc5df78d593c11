package io.warden.raft;

import io.warden.domain.Command;
import io.warden.domain.Proposal;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What only the leader does about time. On taking office it first proposes ExtendSessions, so no
 * session expires because leadership moved; only after that has committed in this term does its timer
 * propose ExpireSessions, and only when a deadline is actually due. Both carry this leader's term, and
 * apply enforces the order too (see {@code domain/session/LeaderTerms}): a duty re-sent through a later
 * leader changes nothing.
 */
final class LeaderDuties {

    private static final Logger LOG = Logger.getLogger(LeaderDuties.class);

    interface Role {
        boolean isLeaderReady();

        long currentTerm();
    }

    private final Role role;
    private final Function<Proposal, CompletableFuture<Committed>> propose;
    private final LongSupplier earliestDeadlineMs;
    private final LongSupplier leaderNowMs;
    private final AtomicLong extendedInTerm = new AtomicLong(-1);
    /** One duty proposal at a time: a slow commit must not pile up copies of the same command. */
    private final AtomicBoolean dutyInFlight = new AtomicBoolean();

    LeaderDuties(Role role, Function<Proposal, CompletableFuture<Committed>> propose,
                 LongSupplier earliestDeadlineMs, LongSupplier leaderNowMs) {
        this.role = role;
        this.propose = propose;
        this.earliestDeadlineMs = earliestDeadlineMs;
        this.leaderNowMs = leaderNowMs;
    }

    void start(ScheduledExecutorService timer, long intervalMs) {
        timer.scheduleWithFixedDelay(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Called when this node becomes a ready leader (and by the timer until the extension commits). */
    void onLeaderReady() {
        long term = role.currentTerm();
        if (extendedInTerm.get() == term || !dutyInFlight.compareAndSet(false, true)) {
            return;
        }
        propose.apply(Proposal.of(new Command.ExtendSessions(term))).whenComplete((committed, error) -> {
            dutyInFlight.set(false);
            if (error == null) {
                extendedInTerm.set(term);
                LOG.infof("leader of term %d: sessions extended (%s)", term, committed.result());
            }
        });
    }

    private void tick() {
        try {
            if (!role.isLeaderReady()) {
                return;
            }
            if (extendedInTerm.get() != role.currentTerm()) {
                onLeaderReady();
                return;
            }
            long term = role.currentTerm();
            long nowMs = leaderNowMs.getAsLong();
            if (earliestDeadlineMs.getAsLong() > nowMs || !dutyInFlight.compareAndSet(false, true)) {
                return;
            }
            propose.apply(Proposal.of(new Command.ExpireSessions(term, nowMs)))
                    .whenComplete((committed, error) -> dutyInFlight.set(false));
        } catch (RuntimeException e) {
            LOG.warn("leader timer failed; it runs again next tick", e);
        }
    }
}
