package io.warden.process;

import io.warden.process.Http.Reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import static io.warden.process.WardenApi.cluster;

/**
 * A group of Warden processes for one test: started together, looked up by id or role, and all killed
 * by {@link #close()} (also the ones that joined later), so an @AfterEach leaves nothing running.
 */
public final class WardenCluster implements AutoCloseable {

    /** Three JVMs starting at once on 2 cores take 5-15 s each; the margin covers a slow CI host. */
    public static final Duration START = Duration.ofSeconds(90);
    /** An election after a kill takes about a second; the margin covers GC pauses and slow hosts. */
    public static final Duration ELECTION = Duration.ofSeconds(30);

    private final String name;
    private final List<WardenProcess> nodes = new ArrayList<>();

    private WardenCluster(String name) {
        this.name = name;
    }

    /** Starts {@code size} nodes n1..nN in a fresh scratch dir and waits until every one is ready. */
    public static WardenCluster start(String name, int size, String... properties) {
        return start(name, Collections.nCopies(size, WardenProcess.Placement.LOOPBACK), properties);
    }

    /** Starts one node per placement (n1..nN) and waits until every one is ready. */
    public static WardenCluster start(String name, List<WardenProcess.Placement> placements, String... properties) {
        WardenCluster cluster = new WardenCluster(name);
        cluster.nodes.addAll(WardenProcess.cluster(WardenProcess.scratchDir(name), placements, properties));
        cluster.nodes.forEach(WardenProcess::start);
        for (WardenProcess n : cluster.nodes) {
            n.awaitReady(START);
        }
        return cluster;
    }

    /** A new node whose peers list names the current nodes and itself; not started, not yet a member. */
    public WardenProcess joining(String nodeId, String... properties) {
        WardenProcess joiner = WardenProcess.joining(nodes, nodeId, properties);
        nodes.add(joiner);
        return joiner;
    }

    public List<WardenProcess> nodes() {
        return List.copyOf(nodes);
    }

    public WardenProcess node(String id) {
        return nodes.stream().filter(n -> n.nodeId().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    /** The nodes other than the given ones, in id order. */
    public List<WardenProcess> except(WardenProcess... excluded) {
        List<WardenProcess> rest = new ArrayList<>(nodes);
        rest.removeAll(List.of(excluded));
        return rest;
    }

    /** The leader every running node agrees on. */
    public WardenProcess leader() {
        return node(awaitAgreedLeader(nodes.stream().filter(WardenProcess::isAlive).toList(), null, ELECTION));
    }

    /** Polls until every given node names the same leader, one of them and not {@code excluded}; returns its id. */
    public static String awaitAgreedLeader(Collection<WardenProcess> among, String excluded, Duration timeout) {
        List<String> ids = among.stream().map(WardenProcess::nodeId).toList();
        return Eventually.await(timeout, "one leader among " + ids + (excluded == null ? "" : " other than " + excluded), () -> {
            List<String> seen = among.stream().map(n -> cluster(n.baseUrl()).string("leader")).toList();
            String first = seen.get(0);
            boolean agreed = first != null && seen.stream().allMatch(first::equals);
            return agreed && ids.contains(first) && !first.equals(excluded) ? first : null;
        }, Objects::nonNull);
    }

    /** Repeats a request while the group answers 503 (no leader or quorum yet) or the node does not answer. */
    public static Reply settled(String what, Callable<Reply> request) {
        return Eventually.await(ELECTION, what, request, r -> r.status() != 503);
    }

    /** Kills every node still running; never throws, so it is safe in @AfterEach after any failure. */
    @Override
    public void close() {
        for (WardenProcess n : nodes) {
            try {
                n.close();
            } catch (RuntimeException e) {
                System.out.println(name + ": could not kill " + n + ": " + e);
            }
        }
        if (!nodes.isEmpty()) {
            System.out.println(name + " node logs under " + nodes.get(0).logDir());
        }
    }
}
