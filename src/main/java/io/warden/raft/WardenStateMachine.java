package io.warden.raft;

import io.warden.codec.CodecException;
import io.warden.codec.WardenCodec;
import io.warden.domain.Applied;
import io.warden.domain.LogEntry;
import io.warden.domain.WardenState;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Function;

/**
 * The Ratis side of the state machine, kept thin: decode, hand to {@link WardenState}, encode.
 * The leader stamps its clock on each entry in {@link #startTransaction}, so apply never reads a clock.
 * Malformed proposals are refused there and never reach the log.
 */
final class WardenStateMachine extends BaseStateMachine {

    private static final Logger LOG = Logger.getLogger(WardenStateMachine.class);

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final WardenState state = new WardenState();
    private final Object stateLock = new Object();
    /** The thread that applies entries (Ratis' StateMachineUpdater); see {@link #takeSnapshot()}. */
    private volatile Thread applier;
    private final LeaderClock clock = new LeaderClock();
    private final AppliedIndexWaiters appliedWaiters = new AppliedIndexWaiters();
    private volatile SingleFileSnapshotInfo latestSnapshot;
    private volatile boolean snapshotsScanned;
    private final Consumer<Applied> onApplied;
    private final Runnable onLeaderReady;
    /** Wakes every waiter after a snapshot from the leader replaced the state, since no change list exists for it. */
    private final LongConsumer onLoaded;

    WardenStateMachine(Consumer<Applied> onApplied, Runnable onLeaderReady, LongConsumer onLoaded) {
        this.onApplied = onApplied;
        this.onLeaderReady = onLeaderReady;
        this.onLoaded = onLoaded;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        getLifeCycle().startAndTransition(() -> {
            storage.init(raftStorage);
            loadLatestSnapshot();
        });
        onLoaded.accept(appliedIndex());
    }

    /** Ratis pauses the state machine before it installs a snapshot sent by the leader. */
    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    /** Called after a snapshot was installed from the leader: it replaces all state. */
    @Override
    public void reinitialize() throws IOException {
        loadLatestSnapshot();
        getLifeCycle().transition(LifeCycle.State.STARTING);
        getLifeCycle().transition(LifeCycle.State.RUNNING);
        onLoaded.accept(appliedIndex());
    }

    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        latestSnapshot = snapshot;
        snapshotsScanned = true;
        if (snapshot == null) {
            return;
        }
        TermIndex at;
        synchronized (stateLock) {
            at = SnapshotFiles.load(snapshot, state);
        }
        setLastAppliedTermIndex(at);
        appliedWaiters.advance(at.getIndex());
        LOG.infof("loaded snapshot at term %d index %d", at.getTerm(), at.getIndex());
    }

    /**
     * Ratis asks for the latest snapshot on every append to every follower. While none exists,
     * SimpleStateMachineStorage lists the snapshot directory on each call (a third of the leader's
     * appender thread in a profile); this node knows of every snapshot it writes or loads, so it answers
     * from memory once the directory was read at start.
     */
    @Override
    public SnapshotInfo getLatestSnapshot() {
        return snapshotsScanned ? latestSnapshot : storage.getLatestSnapshot();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        byte[] entry;
        try {
            entry = WardenCodec.entryOf(clock.nowMs(), request.getMessage().getContent().toByteArray());
        } catch (CodecException e) {
            throw new IOException("refused a malformed proposal: " + e.getMessage(), e);
        }
        return TransactionContext.newBuilder()
                .setStateMachine(this)
                .setServerRole(RaftPeerRole.LEADER)
                .setClientRequest(request)
                .setLogData(UnsafeByteOperations.unsafeWrap(entry))
                .build();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        var logEntry = trx.getLogEntry();
        LogEntry entry = WardenCodec.decodeEntry(logEntry.getStateMachineLogEntry().getLogData().toByteArray());
        Applied applied;
        Thread current = Thread.currentThread();
        if (applier != current) {
            applier = current;
        }
        synchronized (stateLock) {
            applied = state.apply(entry, logEntry.getIndex(), logEntry.getTerm());
            updateLastAppliedTermIndex(logEntry.getTerm(), logEntry.getIndex());
        }
        appliedWaiters.advance(logEntry.getIndex());
        notifyApplied(applied);
        return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(
                WardenCodec.encodeResults(applied.results()))));
    }

    private void notifyApplied(Applied applied) {
        try {
            onApplied.accept(applied);
        } catch (RuntimeException e) {
            // A listener only wakes waiters; its failure must never stop the applier.
            LOG.warn("apply listener failed", e);
        }
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        // Configuration and no-op entries advance the applied index too.
        super.notifyTermIndexUpdated(term, index);
        appliedWaiters.advance(index);
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        // Reads are a barrier only: once Ratis calls this, the local state is at least at the read index.
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    @Override
    public long takeSnapshot() throws IOException {
        byte[] bytes;
        TermIndex at;
        if (Thread.currentThread() == applier || applier == null) {
            // Ratis takes snapshots on the thread that applies, so nothing changes the state while it is
            // encoded, and readers only read: encoding without the lock keeps reads from waiting for it.
            at = getLastAppliedTermIndex();
            bytes = encode();
        } else {
            synchronized (stateLock) {
                at = getLastAppliedTermIndex();
                bytes = encode();
            }
        }
        if (at == null) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        latestSnapshot = SnapshotFiles.write(bytes, at, storage);
        LOG.infof("took snapshot at term %d index %d (%d bytes)", at.getTerm(), at.getIndex(), bytes.length);
        return at.getIndex();
    }

    private byte[] encode() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WardenCodec.writeSnapshot(state, out);
        return out.toByteArray();
    }

    @Override
    public void notifyLeaderReady() {
        onLeaderReady.run();
    }

    /** Runs a read against the applied state, under the applier's monitor. */
    <T> T read(Function<WardenState, T> reader) {
        synchronized (stateLock) {
            return reader.apply(state);
        }
    }

    /** This node's leader clock: what it would stamp on an entry if it led now. */
    long leaderNowMs() {
        return clock.nowMs();
    }

    CompletableFuture<Void> awaitApplied(long index) {
        return appliedWaiters.await(index);
    }

    long appliedIndex() {
        TermIndex ti = getLastAppliedTermIndex();
        return ti == null ? 0 : ti.getIndex();
    }
}
