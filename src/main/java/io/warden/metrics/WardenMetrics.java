package io.warden.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.warden.domain.Reads;
import io.warden.http.WatchHub;
import io.warden.raft.ClusterStatus;
import io.warden.raft.ApplyEvents;
import io.warden.raft.StateReads;
import io.warden.raft.WardenNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Warden's own metrics, all named {@code warden_…}: Raft progress, state sizes, grants and expiries. */
@ApplicationScoped
public class WardenMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    WardenNode node;

    @Inject
    StateReads state;

    @Inject
    ApplyEvents events;

    @Inject
    WatchHub watches;

    void register(@Observes StartupEvent event) {
        raftGauge("warden.raft.leader", "1 on the leader, 0 elsewhere", s -> "LEADER".equals(s.role()) ? 1 : 0);
        raftGauge("warden.raft.term", "current Raft term", ClusterStatus::term);
        raftGauge("warden.raft.commit.index", "commit index this node knows", ClusterStatus::commitIndex);
        raftGauge("warden.raft.applied.index", "last applied log index", ClusterStatus::appliedIndex);
        stateGauge("warden.sessions", "live sessions", Reads::sessionCount);
        stateGauge("warden.locks.held", "locks held", Reads::locksHeld);
        stateGauge("warden.lock.waiters", "sessions waiting for a lock", Reads::lockWaiters);
        stateGauge("warden.members", "members in all groups", Reads::memberCount);
        stateGauge("warden.elections", "elections with a leader or candidates", Reads::electionCount);
        Counter wins = Counter.builder("warden.election.wins").description("election terms won (applied on this node)")
                .register(registry);
        Counter grants = Counter.builder("warden.lock.grants").description("locks granted (applied on this node)").register(registry);
        Counter expiries = Counter.builder("warden.session.expiries").description("sessions expired by TTL").register(registry);
        Gauge.builder("warden.watch.streams", watches, WatchHub::openStreams)
                .description("watch streams open on this node").register(registry);
        FunctionCounter.builder("warden.watch.events.sent", watches, WatchHub::eventsSent)
                .description("events written to watch streams by this node").register(registry);
        FunctionCounter.builder("warden.watch.compacted", watches, WatchHub::compactedStreams)
                .description("watches ended because their resume point left this node's history").register(registry);
        Gauge.builder("warden.watch.history.events", events, e -> e.history().size())
                .description("events in this node's watch history").register(registry);
        events.addApplyListener(applied -> {
            grants.increment(applied.changes().grants().size());
            wins.increment(applied.changes().electionWins().size());
            expiries.increment(applied.changes().expiredSessions());
        });
    }

    private void raftGauge(String name, String help, ToDoubleFunction<ClusterStatus> value) {
        Gauge.builder(name, node, n -> n.isRunning() ? value.applyAsDouble(n.status()) : Double.NaN)
                .description(help).register(registry);
    }

    private void stateGauge(String name, String help, Function<Reads, Number> value) {
        Gauge.builder(name, state, r -> node.isRunning() ? r.readLocal(value).value().doubleValue() : Double.NaN)
                .description(help).register(registry);
    }

}
