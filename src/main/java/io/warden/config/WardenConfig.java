package io.warden.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Every Warden setting, with its default. Environment variables map as usual (WARDEN_NODE_ID …). */
@ConfigMapping(prefix = "warden")
public interface WardenConfig {

    /** This node's id; it must appear in {@link #peers()}. */
    @WithDefault("n1")
    String nodeId();

    /** Every member of the group as {@code id=host:raftPort}, comma-separated, this node included. */
    @WithDefault("n1=127.0.0.1:9870")
    String peers();

    /** Raft log and snapshots; {@code data/<node-id>} when unset. */
    Optional<String> dataDir();

    /** Names the cluster; the Raft group id is derived from it, so all nodes must agree. */
    @WithDefault("warden")
    String clusterName();

    /** How long a request may wait for a leader and quorum before it answers 503. */
    @WithDefault("5s")
    Duration requestTimeout();

    Session session();

    Lock lock();

    Group group();

    Limits limits();

    Raft raft();

    Watch watch();

    Auth auth();

    /** Access control (README, Security): off by default, for the one-command local start. */
    interface Auth {
        /** Every /v1 request then carries {@code Authorization: Bearer <token>}. */
        @WithDefault("false")
        boolean enabled();

        /** A file whose content is the bootstrap admin token (a Kubernetes Secret mounted as a file). */
        Optional<String> bootstrapTokenFile();

        /** Whether /q/metrics and /q/openapi need a token too (any valid one). */
        @WithDefault("false")
        boolean protectOperations();

        /**
         * PBKDF2 rounds of a token secret's stored hash; each node verifies a secret once, then caches it.
         * Secrets are 256 random bits, so the rounds guard a copied snapshot against nothing a guess could
         * win; they also bound what a flood of wrong secrets costs a node (README, Security).
         */
        @WithDefault("20000")
        int hashIterations();
    }

    interface Session {
        @WithDefault("15s")
        Duration defaultTtl();

        @WithDefault("1s")
        Duration minTtl();

        @WithDefault("1h")
        Duration maxTtl();

        /** How often the leader looks for sessions past their deadline. */
        @WithDefault("200ms")
        Duration expiryCheckInterval();
    }

    interface Lock {
        @WithDefault("5m")
        Duration maxWait();
    }

    interface Group {
        @WithDefault("30s")
        Duration defaultWait();

        @WithDefault("5m")
        Duration maxWait();
    }

    interface Limits {
        @WithDefault("65536")
        int maxBodyBytes();

        @WithDefault("4096")
        int maxMetadataBytes();

        /** Longest request target (path and query) read; longer ones answer 414. */
        @WithDefault("8192")
        int maxUriBytes();

        /** Most header bytes read; more answer 431. */
        @WithDefault("16384")
        int maxHeaderBytes();

        /** Sessions the group holds at most; a create beyond answers 429. */
        @WithDefault("100000")
        int maxSessions();

        /** Locks held or waited on at most; an acquire of another one answers 429. */
        @WithDefault("100000")
        int maxLocks();

        /** Sessions queued on one lock at most. */
        @WithDefault("1000")
        int maxWaitersPerLock();

        /** Members of one group at most. */
        @WithDefault("10000")
        int maxMembersPerGroup();

        /** Requests this node holds open at once (lock waits and blocking queries). */
        @WithDefault("1024")
        int maxLongPolls();

        /**
         * /v1 requests per second this node takes from one client address (0: no limit), with bursts of
         * as many again; beyond, 429. Counted before authentication, so wrong tokens are counted too.
         */
        @WithDefault("0")
        int ratePerAddress();

        /** /v1 requests per second this node takes for one token (0: no limit), with bursts of as many again. */
        @WithDefault("0")
        int ratePerToken();
    }

    /** Watches: how much recent history a node keeps, how many streams it serves, how often it says it is alive. */
    interface Watch {
        /** Events kept at least, however old. */
        @WithDefault("10000")
        int historyEvents();

        /** Events younger than this are kept too (up to {@link #historyMaxEvents()}). */
        @WithDefault("10m")
        Duration historyAge();

        /** Events kept at most, whatever their age: what bounds the history's memory. */
        @WithDefault("50000")
        int historyMaxEvents();

        /** Streams this node serves at once; one more is answered 429. */
        @WithDefault("2048")
        int maxStreams();

        /** A stream that sent nothing for this long sends a progress event. */
        @WithDefault("5s")
        Duration progressInterval();
    }

    interface Raft {
        /**
         * Interface the Raft port listens on; by default the host of this node's own entry in
         * {@code warden.peers}, so a loopback group is not reachable from other machines.
         */
        Optional<String> bindHost();

        /**
         * {@code new}: this node's first start forms a group of {@code warden.peers}. {@code existing}: it
         * joins a running group, so with no data yet it starts outside any configuration and waits to be
         * added with POST /v1/cluster/peers. A node started as {@code new} next to a running group campaigns
         * with an empty log, and the leader tells a candidate it does not know to shut down (Ratis), so a
         * member added (or re-added) that way can stay down. Once the node has data, its log decides.
         */
        @WithDefault("new")
        InitialClusterState initialClusterState();

        /** Election timeout range: long enough that a GC pause on 2 cores does not depose a healthy leader. */
        @WithDefault("400ms")
        Duration electionTimeoutMin();

        @WithDefault("800ms")
        Duration electionTimeoutMax();

        /** A snapshot is taken after this many log entries; the log behind it is purged. */
        @WithDefault("10000")
        long snapshotThreshold();

        /**
         * Size at which a Raft log segment is closed; only closed segments behind a snapshot are purged.
         * 8 MiB segments were tried to keep fewer entries on the heap: a lone client's cycle took twice as
         * long (README, Performance), so it stays at 32 MiB.
         */
        @WithDefault("33554432")
        long logSegmentMaxBytes();

        /** Most commands packed into one log entry. */
        @WithDefault("256")
        int batchMaxCommands();

        /** Most encoded bytes packed into one log entry. */
        @WithDefault("1048576")
        int batchMaxBytes();

        /** Commands that may wait on this node for a place in a log entry; beyond that, writes answer 429. */
        @WithDefault("4096")
        int maxQueuedCommands();

        /**
         * Log entries this node keeps in flight before it starts packing commands together. One: on a
         * small node Ratis' cost is per entry, so commands that arrive while an entry is in flight
         * leave together in the next one (16 clients: 292 instead of 161 cycles/s on 3 nodes).
         */
        @WithDefault("1")
        int maxInFlight();

        /** How far the applied index may trail the commit index while the node still reports ready. */
        @WithDefault("1000")
        long readyMaxLag();

        Tls tls();
    }

    /**
     * Mutual TLS on the Raft port: PEM files of this node's certificate (chain), its private key (PKCS#8)
     * and the CA certificates a peer's certificate must be signed by. All three or none; unset, the
     * Raft port speaks plain gRPC to anyone who connects (README, Security).
     */
    interface Tls {
        Optional<String> cert();

        Optional<String> key();

        Optional<String> trust();
    }

    /** Whether a node with no data forms the group or joins one (etcd's --initial-cluster-state). */
    enum InitialClusterState {
        NEW,
        EXISTING
    }
}
