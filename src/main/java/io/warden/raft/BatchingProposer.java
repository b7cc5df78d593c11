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
 */
final class BatchingProposer {

    /** Sends one encoded batch and answers with the encoded results and the entry's log index. */
    interface Sender extends Function<byte[], CompletableFuture<Reply>> {
    }

    record Reply(byte[] results, long index) {}

    private record Pending(Proposal proposal, int bytes, CompletableFuture<Committed> future) {}

    private final Sender sender;
    private final int maxInFlight;
    private final int maxCommands;
    private final int maxBytes;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private int inFlight;

    BatchingProposer(Sender sender, int maxInFlight, int maxCommands, int maxBytes) {
        this.sender = sender;
        this.maxInFlight = maxInFlight;
        this.maxCommands = maxCommands;
        this.maxBytes = maxBytes;
    }

    CompletableFuture<Committed> submit(Proposal proposal) {
        CompletableFuture<Committed> future = new CompletableFuture<>();
        synchronized (this) {
            queue.addLast(new Pending(proposal, ProposalSize.estimate(proposal), future));
        }
        drain();
        return future;
    }

    private void drain() {
        while (true) {
            List<Pending> batch;
            synchronized (this) {
                if (inFlight >= maxInFlight || queue.isEmpty()) {
                    return;
                }
                batch = takeBatch();
                inFlight++;
            }
            send(batch);
        }
    }

    private List<Pending> takeBatch() {
        List<Pending> batch = new ArrayList<>();
        int bytes = 0;
        while (!queue.isEmpty() && batch.size() < maxCommands) {
            Pending next = queue.peekFirst();
            if (!batch.isEmpty() && bytes + next.bytes() > maxBytes) {
                break;
            }
            batch.add(queue.pollFirst());
            bytes += next.bytes();
        }
        return batch;
    }

    private void send(List<Pending> batch) {
        List<Proposal> proposals = new ArrayList<>(batch.size());
        batch.forEach(p -> proposals.add(p.proposal()));
        CompletableFuture<Reply> sent;
        try {
            sent = sender.apply(WardenCodec.encodeProposals(proposals));
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
