package io.warden.domain.election;

import io.warden.domain.Command.Campaign;
import io.warden.domain.Command.Proclaim;
import io.warden.domain.Command.Resign;
import io.warden.domain.Result;
import io.warden.domain.lock.Grant;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The rules of elections, applied in log order like every rule: a campaign wins at once or waits in FIFO
 * order; a leader proclaims and resigns only with its current term; a win passes to the next candidate
 * when the leader resigns or its session ends. Answers are {@link Result}s; what changed (an election,
 * one candidacy, a win) is reported to {@link Changed}, so waiting requests wake.
 */
public final class ElectionRules {

    /** What the rules tell the state about: an election changed, a candidacy changed. */
    public interface Changed {
        void election(String election);

        void candidacy(String election, String sessionId);

        /** A session won a term (its fence from the shared counter). */
        void won(Grant win);
    }

    private final Elections elections;
    private final Predicate<String> sessionAlive;

    public ElectionRules(Elections elections, Predicate<String> sessionAlive) {
        this.elections = elections;
        this.sessionAlive = sessionAlive;
    }

    public Result campaign(Campaign c, long waitDeadlineMs, long logIndex, Changed changed) {
        if (!sessionAlive.test(c.sessionId())) {
            return new Result.SessionNotFound(c.sessionId());
        }
        Optional<Grant> leads = elections.leading(c.election(), c.sessionId());
        if (leads.isPresent()) {
            // A retried or repeated campaign: same term, the value stays what was last proclaimed.
            return elected(leads.get());
        }
        if (elections.isCandidate(c.election(), c.sessionId())) {
            return new Result.Campaigning(c.election(), c.sessionId());
        }
        Optional<Grant> won = elections.tryLead(c.election(), c.sessionId(), c.value(), logIndex);
        if (won.isPresent()) {
            reportWins(changed).accept(won.get());
            return elected(won.get());
        }
        if (c.waitMs() != 0) {
            elections.stand(c.election(), c.sessionId(), c.value(), waitDeadlineMs, logIndex);
            changed.election(c.election());
            return new Result.Campaigning(c.election(), c.sessionId());
        }
        return notElected(c.election());
    }

    /** The end of a campaign's wait: withdrawn, unless the win came first. */
    public Result withdraw(String election, String sessionId, long logIndex, Changed changed) {
        if (!sessionAlive.test(sessionId)) {
            return new Result.SessionNotFound(sessionId);
        }
        Optional<Grant> leads = elections.leading(election, sessionId);
        if (leads.isPresent()) {
            return elected(leads.get());
        }
        if (elections.withdraw(election, sessionId, logIndex)) {
            changed.election(election);
            changed.candidacy(election, sessionId);
        }
        return notElected(election);
    }

    public Result proclaim(Proclaim p, long logIndex, Changed changed) {
        Optional<Result> refused = checkLeader(p.election(), p.sessionId(), p.term());
        if (refused.isPresent()) {
            return refused.get();
        }
        elections.proclaim(p.election(), p.sessionId(), p.value(), logIndex);
        changed.election(p.election());
        return new Result.Proclaimed(p.election(), p.sessionId(), p.value() == null ? "" : p.value(), p.term(), logIndex);
    }

    public Result resign(Resign r, long logIndex, Changed changed) {
        Optional<Result> refused = checkLeader(r.election(), r.sessionId(), r.term());
        if (refused.isPresent()) {
            return refused.get();
        }
        elections.resign(r.election(), r.sessionId(), logIndex).ifPresent(reportWins(changed));
        changed.election(r.election());
        return new Result.Resigned(r.election());
    }

    private Optional<Result> checkLeader(String election, String sessionId, Long term) {
        if (!sessionAlive.test(sessionId)) {
            return Optional.of(new Result.SessionNotFound(sessionId));
        }
        Optional<Grant> leads = elections.leading(election, sessionId);
        if (leads.isEmpty()) {
            return Optional.of(new Result.NotLeader(election, sessionId));
        }
        if (term != null && term != leads.get().fence()) {
            return Optional.of(new Result.StaleTerm(election, term, leads.get().fence()));
        }
        return Optional.empty();
    }

    private Result elected(Grant grant) {
        return new Result.Elected(grant.lock(), grant.sessionId(), elections.valueOf(grant.lock(), grant.sessionId()),
                grant.fence());
    }

    private Result notElected(String election) {
        ElectionView view = elections.view(election);
        return new Result.NotElected(election, view.leader(), view.value(), view.term());
    }

    /** Tells {@code changed} of the wins a session's end handed on. */
    public static Consumer<Grant> reportWins(Changed changed) {
        return win -> {
            changed.election(win.lock());
            changed.candidacy(win.lock(), win.sessionId());
            changed.won(win);
        };
    }
}
