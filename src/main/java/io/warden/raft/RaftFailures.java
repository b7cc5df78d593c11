package io.warden.raft;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounds a Raft call by the request timeout and turns every Raft failure into what HTTP answers. */
final class RaftFailures {

    private RaftFailures() {
    }

    /**
     * The timeout completes {@code call} itself, so a proposal still queued in {@link BatchingProposer}
     * is seen as answered and never sent.
     */
    static <T> CompletableFuture<T> bounded(CompletableFuture<T> call, Duration timeout) {
        long timeoutMs = timeout.toMillis();
        return call.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof NoQuorumException || cause instanceof Overloaded || cause instanceof ProposalTooLarge) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof TimeoutException) {
                throw new NoQuorumException("no leader or quorum answered within " + timeoutMs + " ms");
            }
            throw new NoQuorumException("the Raft group could not serve the request: " + cause.getMessage());
        });
    }
}
