package io.warden.raft;

import io.warden.codec.WardenCodec;
import io.warden.domain.Command;
import io.warden.domain.Proposal;
import io.warden.domain.Result;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchingProposerTest {

    /** Records every batch it is handed and answers each only when the test says so. */
    private static final class HeldSender implements BatchingProposer.Sender {
        final List<List<Proposal>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        final List<CompletableFuture<BatchingProposer.Reply>> replies = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CompletableFuture<BatchingProposer.Reply> apply(byte[] batch) {
            List<Proposal> proposals = WardenCodec.decodeProposals(batch);
            batches.add(proposals);
            sizes.add(batch.length);
            CompletableFuture<BatchingProposer.Reply> reply = new CompletableFuture<>();
            replies.add(reply);
            return reply;
        }

        void answer(int batch, long index) {
            List<Result> results = new ArrayList<>();
            for (Proposal p : batches.get(batch)) {
                results.add(new Result.SessionDeleted(((Command.DeleteSession) p.command()).sessionId()));
            }
            replies.get(batch).complete(new BatchingProposer.Reply(WardenCodec.encodeResults(results), index));
        }
    }

    private static Proposal delete(String id) {
        return new Proposal(null, null, new Command.DeleteSession(id));
    }

    @Test
    void loneProposalLeavesAtOnceAndLaterOnesShareTheNextEntry() throws Exception {
        HeldSender sender = new HeldSender();
        BatchingProposer proposer = new BatchingProposer(sender, 1, 256, 1 << 20, 100);
        CompletableFuture<Committed> first = proposer.submit(delete("a"));
        CompletableFuture<Committed> second = proposer.submit(delete("b"));
        CompletableFuture<Committed> third = proposer.submit(delete("c"));
        assertEquals(1, sender.batches.size(), "only one entry may be in flight");
        sender.answer(0, 7);
        assertEquals(new Result.SessionDeleted("a"), first.get().result());
        assertEquals(7, first.get().index());
        assertEquals(2, sender.batches.size());
        assertEquals(List.of(delete("b"), delete("c")), sender.batches.get(1));
        sender.answer(1, 8);
        assertEquals(new Result.SessionDeleted("c"), third.get().result());
        assertEquals(8, second.get().index());
    }

    @Test
    void callerTimedOutBeforeItsProposalLeftIsNeverSent() throws Exception {
        HeldSender sender = new HeldSender();
        BatchingProposer proposer = new BatchingProposer(sender, 1, 256, 1 << 20, 100);
        proposer.submit(delete("in-flight"));
        CompletableFuture<Committed> answered = proposer.submit(delete("answered-503"));
        CompletableFuture<Committed> waiting = proposer.submit(delete("still-waiting"));
        // What the gateway's request timeout does to a caller that waited too long.
        answered.completeExceptionally(new TimeoutException("503 sent"));
        sender.answer(0, 1);
        assertEquals(2, sender.batches.size());
        assertEquals(List.of(delete("still-waiting")), sender.batches.get(1), "the answered caller's command left");
        sender.answer(1, 2);
        assertEquals(new Result.SessionDeleted("still-waiting"), waiting.get().result());
    }

    @Test
    void fullQueueRefusesWithOverloadedAndSendsNothing() {
        HeldSender sender = new HeldSender();
        BatchingProposer proposer = new BatchingProposer(sender, 1, 256, 1 << 20, 2);
        proposer.submit(delete("in-flight"));
        proposer.submit(delete("q1"));
        proposer.submit(delete("q2"));
        CompletableFuture<Committed> refused = proposer.submit(delete("q3"));
        ExecutionException e = assertThrows(ExecutionException.class, refused::get);
        assertInstanceOf(Overloaded.class, e.getCause());
        assertEquals(2, proposer.queued());
        sender.answer(0, 1);
        assertEquals(List.of(delete("q1"), delete("q2")), sender.batches.get(1));
    }

    @Test
    void batchNeverExceedsItsByteBound() {
        HeldSender sender = new HeldSender();
        int maxBytes = 300;
        BatchingProposer proposer = new BatchingProposer(sender, 1, 256, maxBytes, 1000);
        List<CompletableFuture<Committed>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(proposer.submit(delete("session-" + i)));
        }
        for (int b = 0; b < sender.batches.size(); b++) {
            sender.answer(b, b + 1);
        }
        assertTrue(sender.batches.size() > 2, "40 proposals cannot fit in two entries of 300 bytes");
        for (int size : sender.sizes) {
            assertTrue(size <= maxBytes, "a batch of " + size + " bytes left");
        }
        assertEquals(40, sender.batches.stream().mapToInt(List::size).sum());
        all.forEach(f -> assertTrue(f.isDone() && !f.isCompletedExceptionally()));
    }

    @Test
    void proposalLargerThanAnEntryIsRefusedAsTooLarge() {
        HeldSender sender = new HeldSender();
        BatchingProposer proposer = new BatchingProposer(sender, 1, 256, 100, 10);
        CompletableFuture<Committed> refused = proposer.submit(delete("x".repeat(200)));
        ExecutionException e = assertThrows(ExecutionException.class, refused::get);
        assertInstanceOf(ProposalTooLarge.class, e.getCause());
        assertEquals(0, sender.batches.size());
    }

    @Test
    void failedEntryFailsEveryCallerInItAndTheNextBatchStillLeaves() throws Exception {
        HeldSender sender = new HeldSender();
        BatchingProposer proposer = new BatchingProposer(sender, 1, 256, 1 << 20, 10);
        CompletableFuture<Committed> lost = proposer.submit(delete("a"));
        CompletableFuture<Committed> next = proposer.submit(delete("b"));
        sender.replies.get(0).completeExceptionally(new NoQuorumException("no quorum"));
        assertInstanceOf(NoQuorumException.class, assertThrows(ExecutionException.class, lost::get).getCause());
        sender.answer(1, 3);
        assertEquals(new Result.SessionDeleted("b"), next.get().result());
    }
}
