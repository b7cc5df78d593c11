package io.warden.domain.election;

import io.warden.domain.Command.Campaign;
import io.warden.domain.Command.Proclaim;
import io.warden.domain.Command.Resign;
import io.warden.domain.Result;
import io.warden.domain.lock.Grant;
import io.warden.domain.watch.WatchEvent;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * The rules of elections, applied in log order like every rule: a campaign wins at once or waits in FIFO
 * order; a leader proclaims and resigns only with its current term; a win passes to the next candidate
 * when the leader resigns or its session ends. Answers are {@link Result}s; what changed (an election,
 * one candidacy, a win, and the events a watcher sees) is reported to {@link Changed}, so waiting
 * requests and watches wake.
 */
public final class ElectionRules {

    /** What the rules tell the state about: an election changed, a candidacy changed, a term was won. */
    public interface Changed {
        void election(String election);

        void candidacy(String election, String sessionId);

        /** A session won a term (its fence from the shared counter). */
        void won(Grant win);

        void event(WatchEvent event);
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
            reportWin(won.get(), changed);
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
        long term = elections.leading(p.election(), p.sessionId()).orElseThrow().fence();
        elections.proclaim(p.election(), p.sessionId(), p.value(), logIndex);
        changed.election(p.election());
        changed.event(new WatchEvent.Proclaimed(p.election(), p.sessionId(), term, p.value() == null ? "" : p.value()));
        return new Result.Proclaimed(p.election(), p.sessionId(), p.value() == null ? "" : p.value(), p.term(), logIndex);
    }

    public Result resign(Resign r, long logIndex, Changed changed) {
        Optional<Result> refused = checkLeader(r.election(), r.sessionId(), r.term());
        if (refused.isPresent()) {
            return refused.get();
        }
        long term = elections.leading(r.election(), r.sessionId()).orElseThrow().fence();
        changed.event(new WatchEvent.Resigned(r.election(), r.sessionId(), term, "resigned"));
        elections.resign(r.election(), r.sessionId(), logIndex).ifPresent(win -> reportWin(win, changed));
        changed.election(r.election());
        return new Result.Resigned(r.election());
    }

    /**
     * A session ended: the terms it held end (each passing to the next candidate, FIFO) and its candidacies
     * are withdrawn.
     */
    public void sessionEnded(String sessionId, long logIndex, Changed changed) {
        for (String election : elections.electionsOf(sessionId)) {
            changed.election(election);
            changed.candidacy(election, sessionId);
            elections.leading(election, sessionId).ifPresent(term ->
                    changed.event(new WatchEvent.Resigned(election, sessionId, term.fence(), "session-ended")));
        }
        elections.removeSession(sessionId, logIndex).forEach(win -> reportWin(win, changed));
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

    private void reportWin(Grant win, Changed changed) {
        changed.election(win.lock());
        changed.candidacy(win.lock(), win.sessionId());
        changed.won(win);
        changed.event(new WatchEvent.Elected(win.lock(), win.sessionId(), win.fence(),
                elections.valueOf(win.lock(), win.sessionId())));
    }
}
