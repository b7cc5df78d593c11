package io.warden.raft;

import io.warden.codec.WardenCodec;
import io.warden.domain.Proposal;
import io.warden.domain.Result;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Packs proposals into log entries. While fewer than {@code maxInFlight} entries are pending, a
 * proposal goes out at once; beyond that, proposals queue and leave together as one entry when an
 * earlier one completes. One entry per request would cap throughput at Ratis' entry rate; batching
 * lets throughput grow with load while a lone request pays no extra latency.
 *
 * <p>Each proposal is encoded once, on submit, so a batch's byte bound is exact. The queue is bounded
 * ({@link Overloaded} beyond it), and a proposal whose caller was already answered (timed out) is
 * dropped before it leaves: nobody waits for it, so it must not change the state.
 */
final class BatchingProposer {

    /** Sends one encoded batch and answers with the encoded results and the entry's log index. */
    interface Sender extends Function<byte[], CompletableFuture<Reply>> {
    }

    record Reply(byte[] results, long index) {}

    private record Pending(byte[] encoded, CompletableFuture<Committed> future) {}

    private final Sender sender;
    private final int maxInFlight;
    private final int maxCommands;
    private final int maxBytes;
    private final int maxQueued;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private int inFlight;

    BatchingProposer(Sender sender, int maxInFlight, int maxCommands, int maxBytes, int maxQueued) {
        this.sender = sender;
        this.maxInFlight = maxInFlight;
        this.maxCommands = maxCommands;
        this.maxBytes = maxBytes;
        this.maxQueued = maxQueued;
    }

    CompletableFuture<Committed> submit(Proposal proposal) {
        byte[] encoded = WardenCodec.encodeProposal(proposal);
        if (encoded.length + WardenCodec.PROPOSALS_PREFIX_BYTES > maxBytes) {
            return CompletableFuture.failedFuture(new ProposalTooLarge(encoded.length, maxBytes));
        }
        CompletableFuture<Committed> future = new CompletableFuture<>();
        synchronized (this) {
            if (queue.size() >= maxQueued) {
                return CompletableFuture.failedFuture(new Overloaded(
                        maxQueued + " commands are already waiting for the log on this node"));
            }
            queue.addLast(new Pending(encoded, future));
        }
        drain();
        return future;
    }

    /** Commands waiting for a place in a log entry (not yet sent). */
    synchronized int queued() {
        return queue.size();
    }

    private void drain() {
        while (true) {
            List<Pending> batch;
            synchronized (this) {
                if (inFlight >= maxInFlight) {
                    return;
                }
                batch = takeBatch();
                if (batch.isEmpty()) {
                    return;
                }
                inFlight++;
            }
            send(batch);
        }
    }

    private List<Pending> takeBatch() {
        List<Pending> batch = new ArrayList<>();
        int bytes = WardenCodec.PROPOSALS_PREFIX_BYTES;
        while (!queue.isEmpty() && batch.size() < maxCommands) {
            Pending next = queue.peekFirst();
            if (next.future().isDone()) {
                queue.pollFirst();
                continue;
            }
            if (bytes + next.encoded().length > maxBytes) {
                break;
            }
            batch.add(queue.pollFirst());
            bytes += next.encoded().length;
        }
        return batch;
    }

    private void send(List<Pending> batch) {
        List<byte[]> encoded = new ArrayList<>(batch.size());
        batch.forEach(p -> encoded.add(p.encoded()));
        CompletableFuture<Reply> sent;
        try {
            sent = sender.apply(WardenCodec.joinProposals(encoded));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((reply, error) -> {
            synchronized (this) {
                inFlight--;
            }
            if (error != null) {
                batch.forEach(p -> p.future().completeExceptionally(error));
            } else {
                List<Result> results = WardenCodec.decodeResults(reply.results());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).future().complete(new Committed(results.get(i), reply.index()));
                }
            }
            drain();
        });
    }
}
