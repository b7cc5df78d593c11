package io.warden.raft;

import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * This node's writes and read barriers into the Raft group. On the leader a request goes straight
 * into the local Ratis server, in process: no client, no RPC to itself, no extra thread. On a follower
 * a write is forwarded to the leader over Ratis' client stream; a read barrier runs in the local
 * server, which asks the leader for its commit index (ReadIndex).
 *
 * <p>Every attempt of one request carries the same (client id, call id). Ratis keeps the reply of
 * every applied entry in a retry cache under that pair on every server, so a retry after an answer was
 * lost (a leader change, a timeout, a paused or partitioned leader) is answered from the cache instead
 * of being applied twice. Each attempt is bounded, and the next one goes to whichever peer this node
 * now believes leads, so a leader that stopped answering costs one attempt, not the whole request.
 */
final class RaftRequests {

    /** Pause before retrying when no leader is known or the leader is not ready yet. */
    private static final long RETRY_DELAY_MS = 25;

    private final RaftServer server;
    private final RaftGroupId groupId;
    private final RaftPeerId selfId;
    private final Supplier<RaftServer.Division> division;
    private final Supplier<RaftClientRpc> forwardRpc;
    private final Executor forwardExecutor;
    private final ScheduledExecutorService retryTimer;
    private final long attemptTimeoutMs;
    private final long requestTimeoutMs;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    /** The configuration whose peers the forwarding RPC already knows; only the forward thread touches it. */
    private RaftConfiguration knownConf;

    RaftRequests(RaftServer server, RaftGroupId groupId, RaftPeerId selfId, Supplier<RaftServer.Division> division,
                 Supplier<RaftClientRpc> forwardRpc, Executor forwardExecutor, ScheduledExecutorService retryTimer,
                 long attemptTimeoutMs, long requestTimeoutMs) {
        this.server = server;
        this.groupId = groupId;
        this.selfId = selfId;
        this.division = division;
        this.forwardRpc = forwardRpc;
        this.forwardExecutor = forwardExecutor;
        this.retryTimer = retryTimer;
        this.attemptTimeoutMs = attemptTimeoutMs;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /** Appends one encoded batch to the log; answers with the applied reply. */
    CompletableFuture<RaftClientReply> write(byte[] batch) {
        Call call = new Call(RaftClientRequest.writeRequestType(),
                Message.valueOf(UnsafeByteOperations.unsafeWrap(batch)), callIds.incrementAndGet());
        attempt(call);
        return call.result;
    }

    /** Completes once this node has applied the leader's commit index as of now (linearizable read). */
    CompletableFuture<RaftClientReply> readBarrier() {
        Call call = new Call(RaftClientRequest.readRequestType(), Message.EMPTY, callIds.incrementAndGet());
        attempt(call);
        return call.result;
    }

    private final class Call {
        final RaftClientRequest.Type type;
        final Message message;
        final long callId;
        final long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(requestTimeoutMs);
        final CompletableFuture<RaftClientReply> result = new CompletableFuture<>();
        /** The leader a refusing peer named, tried next. */
        volatile RaftPeer hint;
        /** Redirects followed at once; later ones wait a moment, so two peers that disagree cannot spin. */
        volatile int redirects;
        volatile Throwable lastFailure;

        Call(RaftClientRequest.Type type, Message message, long callId) {
            this.type = type;
            this.message = message;
            this.callId = callId;
        }

        boolean isWrite() {
            return type.is(TypeCase.WRITE);
        }

        long remainingMs() {
            return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        }
    }

    private void attempt(Call call) {
        long remaining = call.remainingMs();
        if (remaining <= 0) {
            Throwable last = call.lastFailure;
            call.result.completeExceptionally(new NoQuorumException("no leader or quorum answered within "
                    + requestTimeoutMs + " ms" + (last == null ? "" : " (last: " + describe(last) + ")")));
            return;
        }
        RaftPeerId target;
        try {
            target = call.isWrite() ? leaderFor(call) : selfId;
        } catch (RuntimeException e) {
            // The local server is closing or not yet running.
            call.lastFailure = e;
            retryLater(call);
            return;
        }
        if (target == null) {
            retryLater(call);
            return;
        }
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(target)
                .setGroupId(groupId)
                .setCallId(call.callId)
                .setMessage(call.message)
                .setType(call.type)
                .build();
        boolean local = target.equals(selfId);
        CompletableFuture<RaftClientReply> sent = local ? submitLocally(request) : forward(request);
        sent.orTimeout(Math.min(attemptTimeoutMs, remaining), TimeUnit.MILLISECONDS)
                .whenComplete((reply, error) -> {
                    if (error != null && !local) {
                        resetBrokenStream(target, unwrap(error));
                    }
                    onAnswer(call, reply, error);
                });
    }

    private RaftPeerId leaderFor(Call call) {
        RaftPeer hint = call.hint;
        if (hint != null) {
            call.hint = null;
            forwardRpc.get().addRaftPeers(List.of(hint));
            return hint.getId();
        }
        var info = division.get().getInfo();
        return info.isLeader() ? selfId : info.getLeaderId();
    }

    private CompletableFuture<RaftClientReply> submitLocally(RaftClientRequest request) {
        try {
            return server.submitClientRequestAsync(request);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Forwards on Warden's own thread: opening a channel to a peer can block, an event loop must not. */
    private CompletableFuture<RaftClientReply> forward(RaftClientRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            RaftClientRpc rpc = forwardRpc.get();
            knowPeersOf(rpc, division.get().getRaftConf());
            return rpc.sendRequestAsyncUnordered(request);
        }, forwardExecutor).thenCompose(f -> f);
    }

    /** Tells the RPC layer the addresses of a configuration once, not on every forward. */
    private void knowPeersOf(RaftClientRpc rpc, RaftConfiguration conf) {
        if (conf != knownConf) {
            rpc.addRaftPeers(conf.getAllPeers());
            knownConf = conf;
        }
    }

    /**
     * A stream to a peer that failed stays closed ("client->n2 is closed") until its proxy is reset,
     * as Ratis' own client does after an error; a timeout alone keeps the connection.
     */
    private void resetBrokenStream(RaftPeerId target, Throwable failure) {
        try {
            forwardRpc.get().handleException(target, failure, failure instanceof AlreadyClosedException);
        } catch (RuntimeException e) {
            // The next attempt opens a new stream or fails on its own.
        }
    }

    private void onAnswer(Call call, RaftClientReply reply, Throwable error) {
        if (error == null && reply.isSuccess()) {
            call.result.complete(reply);
            return;
        }
        Throwable failure = error != null ? unwrap(error) : reply.getException();
        if (failure instanceof StateMachineException) {
            // The state machine refused the entry (a malformed batch): retrying cannot help.
            call.result.completeExceptionally(new NoQuorumException("refused by the state machine: "
                    + failure.getMessage()));
            return;
        }
        call.lastFailure = failure;
        if (failure instanceof NotLeaderException nle && nle.getSuggestedLeader() != null
                && !nle.getSuggestedLeader().getId().equals(reply == null ? null : reply.getServerId())) {
            call.hint = nle.getSuggestedLeader();
            if (call.redirects++ < 2) {
                attempt(call);
                return;
            }
        }
        retryLater(call);
    }

    private void retryLater(Call call) {
        try {
            retryTimer.schedule(() -> attempt(call), Math.min(RETRY_DELAY_MS, Math.max(1, call.remainingMs())),
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            call.result.completeExceptionally(new NoQuorumException("this node is shutting down"));
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
