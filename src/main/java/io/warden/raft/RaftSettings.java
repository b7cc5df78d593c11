package io.warden.raft;

import io.warden.config.WardenConfig;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ratis properties for a Warden node, derived from {@link WardenConfig}. */
final class RaftSettings {

    private RaftSettings() {
    }

    static RaftProperties server(WardenConfig config, File storageDir, String bindHost, int raftPort, boolean alone) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(storageDir));
        GrpcConfigKeys.Server.setHost(p, bindHost);
        GrpcConfigKeys.Server.setPort(p, raftPort);
        // Followers answer reads through ReadIndex, so every node serves linearizable reads.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(config.raft().electionTimeoutMin()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(config.raft().electionTimeoutMax()));
        if (alone) {
            // Nobody else can lead a one-node group: elect at once instead of waiting out a timeout.
            RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, TimeDuration.valueOf(10, TimeUnit.MILLISECONDS));
            RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, TimeDuration.valueOf(20, TimeUnit.MILLISECONDS));
        }
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.raft().snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(config.raft().logSegmentMaxBytes()));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf(
                Math.min(config.raft().logSegmentMaxBytes(), 4L * 1024 * 1024)));
        // Purge in steps no larger than a snapshot interval, so the log stays about one interval long.
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, config.raft().snapshotThreshold()));
        // Ratis appends a metadata entry (the new commit index) to the log after every commit: one more
        // entry to replicate and one more fsync per write. It only lets a node apply its log before it
        // hears from a leader; Warden answers nothing from a node that has not (readiness waits for one).
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        // Retries of one request all fall within the request timeout (see RaftRequests); the cache need
        // not hold replies longer, and at thousands of entries a second Ratis' 60 s default costs memory.
        RaftServerConfigKeys.RetryCache.setExpiryTime(p, TimeDuration.valueOf(
                Math.max(10_000, 3 * config.requestTimeout().toMillis()), TimeUnit.MILLISECONDS));
        return p;
    }

    static RaftProperties client(WardenConfig config) {
        RaftProperties p = new RaftProperties();
        // A third of the request timeout per attempt: an attempt lost in a leader change is retried in time.
        long attemptMs = Math.max(500, config.requestTimeout().toMillis() / 3);
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(attemptMs, TimeUnit.MILLISECONDS));
        return p;
    }

    static TimeDuration millis(Duration d) {
        return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
