package io.warden.faults;

import io.warden.process.WardenProcess.Placement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hosts for a test, made from Linux network namespaces (root and iproute2 needed) and removed by
 * {@link #close()}. Each host has two links: a peer link on a bridge the hosts share (Raft traffic), and
 * a client link on a bridge the test itself is on (HTTP). Faults act on peer links only, with a
 * {@code tc} queue that drops what a device sends, so the test can still talk to a host it has cut off
 * from its peers. Addresses come
 * from 198.18.0.0/15, the range set aside for benchmark networks, so they shadow no real network:
 * {@link #isolate} drops everything to and from a host's peers, {@link #deafen} only what it receives.
 */
final class NetworkLab implements AutoCloseable {

    private final String tag = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
    private final int subnet = ThreadLocalRandom.current().nextInt(16, 250);
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> cleanup = new ArrayList<>();
    private int faults;

    /**
     * Null if this machine can make what the lab needs (root, iproute2, a kernel that allows network
     * namespaces, bridges, veth pairs and the dropping queue), else why not. Tries each once and removes it.
     */
    static String unavailableBecause() {
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        String ns = "wq" + tag;
        try {
            run("ip", "netns", "add", ns);
            run("ip", "link", "add", "wq" + tag + "b", "type", "bridge");
            run("ip", "link", "add", "wq" + tag + "o", "type", "veth", "peer", "name", "wq" + tag + "i");
            run("ip", "link", "set", "wq" + tag + "i", "netns", ns);
            run("ip", "link", "set", "wq" + tag + "o", "master", "wq" + tag + "b");
            drop(null, "wq" + tag + "o");
            return null;
        } catch (IOException e) {
            return e.getMessage();
        } finally {
            runQuietly("ip", "link", "del", "wq" + tag + "o");
            runQuietly("ip", "link", "del", "wq" + tag + "b");
            runQuietly("ip", "netns", "del", ns);
        }
    }

    /** Makes {@code count} hosts; answers where a Warden node runs on each. */
    List<Placement> hosts(int count) throws IOException {
        bridge(peerBridge(), null);
        bridge(clientBridge(), "198.19." + subnet + ".254/24");
        List<Placement> placements = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String ns = "wn" + tag + "h" + i;
            run("ip", "netns", "add", ns);
            namespaces.add(ns);
            run("ip", "-n", ns, "link", "set", "lo", "up");
            link(ns, peerHost(i), peerSide(i), peerBridge(), "198.18." + subnet + "." + i + "/24");
            link(ns, "wc" + tag + "h" + i, "wc" + tag + "n" + i, clientBridge(), "198.19." + subnet + "." + i + "/24");
            placements.add(new Placement("198.19." + subnet + "." + i, "198.18." + subnet + "." + i,
                    List.of("ip", "netns", "exec", ns)));
        }
        return placements;
    }

    /** Cuts host {@code i} (1-based) off from its peers both ways. */
    void isolate(int i) throws IOException {
        drop(namespaces.get(i - 1), peerHost(i));
        drop(null, peerSide(i));
        faults++;
    }

    /** Host {@code i} still sends to its peers but hears nothing from them (a one-way link). */
    void deafen(int i) throws IOException {
        drop(null, peerSide(i));
        faults++;
    }

    /** Ends every fault on host {@code i}'s peer link. */
    void heal(int i) throws IOException {
        runQuietly("ip", "netns", "exec", namespaces.get(i - 1), "tc", "qdisc", "del", "dev", peerHost(i), "root");
        runQuietly("tc", "qdisc", "del", "dev", peerSide(i), "root");
    }

    int faultsInjected() {
        return faults;
    }

    @Override
    public void close() {
        for (String ns : namespaces) {
            runQuietly("ip", "netns", "del", ns);
        }
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            runQuietly("ip", "link", "del", cleanup.get(i));
        }
    }

    private String peerBridge() {
        return "wb" + tag + "p";
    }

    private String clientBridge() {
        return "wb" + tag + "c";
    }

    /** The peer link's end on the bridge: its egress is what host {@code i} receives. */
    private String peerSide(int i) {
        return "wp" + tag + "b" + i;
    }

    /** The peer link's end inside host {@code i}: its egress is what the host sends. */
    private String peerHost(int i) {
        return "wp" + tag + "h" + i;
    }

    private void bridge(String name, String address) throws IOException {
        run("ip", "link", "add", name, "type", "bridge");
        cleanup.add(name);
        if (address != null) {
            run("ip", "addr", "add", address, "dev", name);
        }
        run("ip", "link", "set", name, "up");
    }

    private void link(String ns, String inside, String outside, String bridge, String address) throws IOException {
        run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
        cleanup.add(outside);
        run("ip", "link", "set", inside, "netns", ns);
        run("ip", "-n", ns, "addr", "add", address, "dev", inside);
        run("ip", "-n", ns, "link", "set", inside, "up");
        run("ip", "link", "set", outside, "master", bridge);
        run("ip", "link", "set", outside, "up");
    }

    private static void drop(String ns, String device) throws IOException {
        List<String> command = new ArrayList<>();
        if (ns != null) {
            command.addAll(List.of("ip", "netns", "exec", ns));
        }
        // A FIFO queue that holds nothing drops every packet the device sends; unlike netem it needs no
        // kernel module beyond the built-in FIFO.
        command.addAll(List.of("tc", "qdisc", "replace", "dev", device, "root", "pfifo", "limit", "0"));
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        if (p.exitValue() != 0) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
        }
    }

    private static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IOException ignored) {
            // cleanup of something already gone
        }
    }
}
