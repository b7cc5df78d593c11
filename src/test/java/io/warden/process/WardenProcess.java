package io.warden.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Warden node run from the packaged application as a separate JVM, the way users run it. It keeps
 * its ports, id and data dir across restarts, so a kill -9 followed by {@link #start()} is a real
 * crash and recovery. Each run logs to its own file in the scratch dir.
 */
public final class WardenProcess implements AutoCloseable {

    /** Processes still running, so a JVM that dies mid-test (timeout, Ctrl-C) does not leave nodes behind. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "warden-process-reaper"));
    }

    // A short probe timeout: a node that does not answer at once is simply not ready yet.
    private static final HttpClient PROBE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * Where a node runs: the address its HTTP listener binds, the address its peers reach its Raft port
     * at, and a launcher prefix (such as {@code ip netns exec NS}) for a node in a network namespace.
     */
    public record Placement(String httpHost, String raftHost, List<String> launcher) {
        public static final Placement LOOPBACK = new Placement("127.0.0.1", "127.0.0.1", List.of());
    }

    private final String nodeId;
    private final Placement placement;
    private final int httpPort;
    private final int raftPort;
    private final String peers;
    private final Path dataDir;
    private final Path logDir;
    private final List<String> properties;
    private Process process;
    private Path logFile;
    private int runs;

    private WardenProcess(String nodeId, Placement placement, int httpPort, int raftPort, String peers, Path dataDir,
                          Path logDir, List<String> properties) {
        this.nodeId = nodeId;
        this.placement = placement;
        this.httpPort = httpPort;
        this.raftPort = raftPort;
        this.peers = peers;
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.properties = List.copyOf(properties);
    }

    /** A one-node group in {@code dir}; {@code properties} are extra {@code key=value} settings. */
    public static WardenProcess single(Path dir, String nodeId, String... properties) {
        return cluster(dir, 1, properties).get(0);
    }

    /** Nodes n1..nN sharing one peers list, each with its own free HTTP and Raft port and data dir. */
    public static List<WardenProcess> cluster(Path dir, int size, String... properties) {
        return cluster(dir, Collections.nCopies(size, Placement.LOOPBACK), properties);
    }

    /** Nodes n1..nN, one per placement, sharing one peers list. */
    public static List<WardenProcess> cluster(Path dir, List<Placement> placements, String... properties) {
        int size = placements.size();
        int[] ports = freePorts(2 * size);
        StringBuilder peers = new StringBuilder();
        for (int i = 0; i < size; i++) {
            peers.append(i == 0 ? "" : ",").append("n").append(i + 1).append('=')
                    .append(placements.get(i).raftHost()).append(':').append(ports[2 * i + 1]);
        }
        List<WardenProcess> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = "n" + (i + 1);
            nodes.add(new WardenProcess(id, placements.get(i), ports[2 * i], ports[2 * i + 1], peers.toString(),
                    dir.resolve("data").resolve(id), dir, List.of(properties)));
        }
        return nodes;
    }

    /**
     * A node that joins a running group: its own free ports and a data dir next to the others', and a
     * peers list naming the whole new group (the existing members plus itself), as an operator starts it
     * before adding it with POST /v1/cluster/peers.
     */
    public static WardenProcess joining(List<WardenProcess> group, String nodeId, String... properties) {
        WardenProcess first = group.get(0);
        int[] ports = freePorts(2);
        String peers = first.peers + "," + nodeId + "=127.0.0.1:" + ports[1];
        List<String> settings = new ArrayList<>(List.of(properties));
        settings.add(JOINS_EXISTING);
        return new WardenProcess(nodeId, Placement.LOOPBACK, ports[0], ports[1], peers, first.logDir.resolve("data").resolve(nodeId),
                first.logDir, settings);
    }

    /** A fresh folder under failsafe's scratch dir ({@code warden.it.dir}), unique per call. */
    public static Path scratchDir(String name) {
        String base = System.getProperty("warden.it.dir");
        Path root = base == null ? Path.of("target", "it") : Path.of(base);
        try {
            Files.createDirectories(root);
            // Absolute: each node runs with this folder as its working directory.
            return Files.createTempDirectory(root, name + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged application; failsafe passes its path as {@code warden.jar}. */
    static Path jar() {
        String jar = System.getProperty("warden.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property warden.jar (" + jar
                    + ") does not name the packaged application; run through 'mvnw verify'");
        }
        return Path.of(jar);
    }

    /**
     * Ports the OS reports free on loopback. All sockets stay open until every port is chosen, so one
     * call never returns the same port twice.
     */
    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket cannot fail in a way that matters here
                }
            }
        }
    }

    /** The setting a node needs to join a running group rather than form one (README, Cluster). */
    public static final String JOINS_EXISTING = "warden.raft.initial-cluster-state=existing";

    /**
     * Starts (or restarts, from the same data dir and ports) this node's JVM; {@code extraProperties}
     * are {@code key=value} settings for this run only.
     */
    public synchronized WardenProcess start(String... extraProperties) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(nodeId + " is already running");
        }
        runs++;
        logFile = logDir.resolve(nodeId + "-run" + runs + ".log");
        List<String> command = new ArrayList<>(placement.launcher());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The node runs with the JVM settings every launch uses (heap, GC, JIT).
        command.add("@" + Path.of("bin", "jvm.options").toAbsolutePath());
        command.add("-Dquarkus.http.host=" + placement.httpHost());
        command.add("-Dquarkus.http.port=" + httpPort);
        command.add("-Dwarden.node-id=" + nodeId);
        command.add("-Dwarden.peers=" + peers);
        command.add("-Dwarden.data-dir=" + dataDir);
        for (String p : properties) {
            command.add("-D" + p);
        }
        for (String p : extraProperties) {
            command.add("-D" + p);
        }
        command.add("-jar");
        command.add(jar().toString());
        try {
            Files.createDirectories(dataDir);
            process = new ProcessBuilder(command)
                    .directory(logDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + nodeId, e);
        }
        LIVE.add(process);
        return this;
    }

    /** Waits until GET /q/health/ready answers 200; fails at once, with the log's tail, if the JVM exits. */
    public WardenProcess awaitReady(Duration timeout) {
        return awaitHealth("ready", timeout);
    }

    /** Waits until GET /q/health/live answers 200: the Raft server runs (it need not know a leader yet). */
    public WardenProcess awaitLive(Duration timeout) {
        return awaitHealth("live", timeout);
    }

    private WardenProcess awaitHealth(String check, Duration timeout) {
        Process p = process;
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/" + check))
                .timeout(Duration.ofSeconds(2)).GET().build();
        Eventually.await(timeout, nodeId + " " + check + " at " + baseUrl() + " (log " + logFile + ")", () -> {
            if (!p.isAlive()) {
                throw new AssertionError(nodeId + " exited with " + p.exitValue() + " before it was " + check + "; log "
                        + logFile + ":\n" + logTail(60));
            }
            return PROBE.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
        return this;
    }

    /**
     * SIGKILL on Unix: no shutdown hook runs, nothing is flushed that was not flushed already. Returns the
     * exit value, 137 (128 + 9) when the signal ended a running JVM.
     */
    public int kill9() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException(nodeId + " was never started");
        }
        p.destroyForcibly();
        if (!awaitExit(p, Duration.ofSeconds(15))) {
            throw new IllegalStateException(nodeId + " survived SIGKILL for 15 s");
        }
        return p.exitValue();
    }

    /**
     * SIGSTOP: the JVM freezes as in a long GC pause or a stalled VM; its sockets stay open, so peers see
     * silence, not a closed connection. {@link #resume()} (SIGCONT) lets it go on where it stopped.
     */
    public void pause() {
        signal("STOP");
    }

    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException(nodeId + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + p.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not signal " + nodeId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + nodeId, e);
        }
    }

    /** SIGTERM, a graceful Quarkus shutdown within a deadline; SIGKILL if it does not come. */
    public void stop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!awaitExit(p, Duration.ofSeconds(15))) {
            kill9();
        }
    }

    /** Sends SIGTERM and returns at once, so a test can watch the group while the node shuts down. */
    public void terminate() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException(nodeId + " was never started");
        }
        p.destroy();
    }

    /** Waits for the current run to end and returns its exit value; fails if it still runs after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException(nodeId + " was never started");
        }
        if (!awaitExit(p, timeout)) {
            throw new AssertionError(nodeId + " still runs " + timeout.toMillis() + " ms later; log " + logFile);
        }
        return p.exitValue();
    }

    private static boolean awaitExit(Process p, Duration timeout) {
        try {
            p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LIVE.remove(p);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the process if it still runs; for @AfterEach, so it never throws. */
    @Override
    public void close() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            awaitExit(p, Duration.ofSeconds(15));
        }
    }

    /**
     * Deletes this node's data dir, as an operator does before bringing a removed member back as a new
     * one; the node must not be running.
     */
    public void wipeData() {
        if (isAlive()) {
            throw new IllegalStateException(nodeId + " is running; stop it before wiping its data");
        }
        try (var paths = Files.walk(dataDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not wipe " + dataDir, e);
        }
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The Raft address other members reach this node at, as POST /v1/cluster/peers takes it. */
    public String raftAddress() {
        return placement.raftHost() + ":" + raftPort;
    }

    public String baseUrl() {
        return "http://" + placement.httpHost() + ":" + httpPort;
    }

    public String nodeId() {
        return nodeId;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Where this node's logs (one file per run) and data dir live. */
    public Path logDir() {
        return logDir;
    }

    /** The current run's log file. */
    public Path logFile() {
        return logFile;
    }

    /** The current run's whole log (bytes decoded leniently: a log is never worth a test failure). */
    public String log() {
        try {
            return logFile == null || !Files.exists(logFile) ? "" : new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail(int lines) {
        String[] all = log().split("\n");
        return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }

    @Override
    public String toString() {
        return nodeId + "(http " + httpPort + ", raft " + raftPort + ", run " + runs + ", log " + logFile + ")";
    }
}
