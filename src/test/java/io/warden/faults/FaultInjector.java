package io.warden.faults;

import io.warden.process.Eventually;
import io.warden.process.Http.Reply;
import io.warden.process.Pause;
import io.warden.process.WardenCluster;
import io.warden.process.WardenProcess;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.warden.process.WardenApi.addPeer;
import static io.warden.process.WardenApi.cluster;
import static io.warden.process.WardenApi.leaderSeenBy;
import static io.warden.process.WardenApi.removePeer;
import static io.warden.process.WardenApi.transferLeadership;

/**
 * Injects one {@link FaultKind} into a running 3-node group, holds it, ends it, and returns once every
 * node is running and ready and all name one leader, so the next fault starts from a whole group (a
 * second fault on top of the first would leave no quorum, which proves nothing about safety).
 */
final class FaultInjector {

    /** How long a replaced member runs before it is added back; the election timeout is 400-800 ms. */
    private static final Duration NOT_YET_ADDED = Duration.ofSeconds(8);
    /** A leader that has lasted this long (over two election timeouts) is taken as settled. */
    private static final Duration STABLE = Duration.ofMillis(2_000);

    private final WardenCluster cluster;
    private final NetworkLab lab;
    private final Random random;
    /** How long a paused or cut-off node stays out: longer than a session's TTL. */
    private final Duration out;

    FaultInjector(WardenCluster cluster, NetworkLab lab, Random random, Duration out) {
        this.cluster = cluster;
        this.lab = lab;
        this.random = random;
        this.out = out;
    }

    /** Runs the fault and the recovery after it; answers what was done, for the log. */
    String inject(FaultKind kind) throws IOException {
        WardenProcess leader = cluster.leader();
        List<WardenProcess> followers = cluster.except(leader);
        WardenProcess follower = followers.get(random.nextInt(followers.size()));
        String what = switch (kind) {
            case KILL_LEADER -> kill(leader, true);
            case KILL_FOLLOWER -> kill(follower, false);
            case PAUSE_LEADER -> pause(leader, true);
            case PAUSE_FOLLOWER -> pause(follower, false);
            case RESTART_NODE -> restart(cluster.nodes().get(random.nextInt(cluster.nodes().size())));
            case MOVE_LEADERSHIP -> moveLeadership(follower);
            case REPLACE_FOLLOWER -> replace(leader);
            case ISOLATE_LEADER -> cut(leader, true, false);
            case DEAFEN_LEADER -> cut(leader, true, true);
            case ISOLATE_FOLLOWER -> cut(follower, false, false);
        };
        settle();
        return what;
    }

    private String kill(WardenProcess node, boolean wasLeader) {
        long at = System.nanoTime();
        int exit = node.kill9();
        String after = wasLeader ? newLeader(node, at) : "";
        node.start().awaitReady(WardenCluster.START);
        return "kill -9 " + node.nodeId() + " (exit " + exit + ")" + after;
    }

    private String pause(WardenProcess node, boolean wasLeader) {
        long at = System.nanoTime();
        node.pause();
        String after;
        try {
            after = wasLeader ? newLeader(node, at) : "";
            Pause.until(at + out.toNanos());
        } finally {
            node.resume();
        }
        if (wasLeader) {
            Eventually.await(WardenCluster.ELECTION, node.nodeId() + " steps down after its pause", () -> {
                String seen = leaderSeenBy(node.baseUrl());
                return seen != null && !seen.equals(node.nodeId());
            });
        }
        return "SIGSTOP " + node.nodeId() + " for " + out.toMillis() + " ms" + after;
    }

    private String restart(WardenProcess node) {
        node.stop();
        node.start().awaitReady(WardenCluster.START);
        return "SIGTERM and start of " + node.nodeId();
    }

    private String moveLeadership(WardenProcess to) {
        WardenProcess via = cluster.nodes().get(random.nextInt(cluster.nodes().size()));
        Eventually.await(WardenCluster.ELECTION, "leadership moves to " + to.nodeId(),
                () -> transferLeadership(via.baseUrl(), to.nodeId()), r -> r.status() == 200);
        return "leadership moved to " + to.nodeId() + " through " + via.nodeId();
    }

    /**
     * Removes a follower from the group, wipes its data, and adds it back as a new member. The follower
     * is chosen by the leader's own view just before the removal, so a leadership change since the fault
     * began does not make it remove the leader.
     */
    private String replace(WardenProcess leader) {
        String leads = leaderSeenBy(leader.baseUrl());
        List<WardenProcess> candidates = cluster.nodes().stream().filter(n -> !n.nodeId().equals(leads)).toList();
        WardenProcess follower = candidates.get(random.nextInt(candidates.size()));
        Eventually.await(WardenCluster.ELECTION, "remove " + follower.nodeId(),
                () -> removePeer(leader.baseUrl(), follower.nodeId()), r -> r.status() == 200 || r.status() == 404);
        List<WardenProcess> rest = cluster.except(follower);
        for (WardenProcess n : rest) {
            Eventually.await(WardenCluster.ELECTION, n.nodeId() + " sees the group without " + follower.nodeId(),
                    () -> !cluster(n.baseUrl()).json().getList("peers.id").contains(follower.nodeId()));
        }
        follower.stop();
        follower.wipeData();
        // As an operator brings a member back: started as joining, so it waits to be added instead of
        // campaigning with an empty log (which the leader answers by telling it to shut down).
        long started = System.nanoTime();
        follower.start(WardenProcess.JOINS_EXISTING).awaitLive(WardenCluster.START);
        // Out of the group for several election timeouts, as an operator takes time before adding it: a
        // node that could campaign would have done so by now, which makes the hazard above certain.
        Pause.until(started + NOT_YET_ADDED.toNanos());
        String body = "{\"id\":\"" + follower.nodeId() + "\",\"address\":\"" + follower.raftAddress() + "\"}";
        WardenProcess via = rest.get(random.nextInt(rest.size()));
        Reply added = Eventually.await(WardenCluster.ELECTION, "add " + follower.nodeId() + " back",
                () -> addPeer(via.baseUrl(), body), r -> r.status() == 200 || r.status() == 409);
        follower.awaitReady(WardenCluster.START);
        return follower.nodeId() + " removed, wiped and added back (" + added.status() + ")";
    }

    private String cut(WardenProcess node, boolean wasLeader, boolean oneWay) throws IOException {
        int host = cluster.nodes().indexOf(node) + 1;
        long at = System.nanoTime();
        if (oneWay) {
            lab.deafen(host);
        } else {
            lab.isolate(host);
        }
        String after;
        try {
            after = wasLeader ? newLeader(node, at) : "";
            Pause.until(at + out.toNanos());
        } finally {
            lab.heal(host);
        }
        return (oneWay ? "deafened " : "isolated ") + node.nodeId() + " for " + out.toMillis() + " ms" + after;
    }

    /** Waits until the nodes other than {@code old} agree on a new leader; answers how long that took. */
    private String newLeader(WardenProcess old, long faultAt) {
        String next = WardenCluster.awaitAgreedLeader(cluster.except(old), old.nodeId(), WardenCluster.ELECTION);
        return "; " + next + " leads " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - faultAt) + " ms later";
    }

    /** Every node running and ready, and one leader all name that stays for a while (no flapping). */
    private void settle() {
        for (WardenProcess n : cluster.nodes()) {
            if (!n.isAlive()) {
                throw new AssertionError(n.nodeId() + " is not running after a fault: " + n.logTail(40));
            }
            n.awaitReady(WardenCluster.START);
        }
        Eventually.await(WardenCluster.ELECTION, "one leader for " + STABLE.toMillis() + " ms", () -> {
            String first = WardenCluster.awaitAgreedLeader(cluster.nodes(), null, WardenCluster.ELECTION);
            Pause.until(System.nanoTime() + STABLE.toNanos());
            return first.equals(WardenCluster.awaitAgreedLeader(cluster.nodes(), null, WardenCluster.ELECTION));
        });
    }
}
