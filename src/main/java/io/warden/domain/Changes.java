package io.warden.domain;

import io.warden.domain.election.ElectionRules;
import io.warden.domain.lock.Grant;
import io.warden.domain.lock.LockRules;
import io.warden.domain.member.MemberRules;
import io.warden.domain.session.SessionRules;
import io.warden.domain.watch.WatchEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one applied entry changed, so the node can wake the requests waiting on those locks and groups,
 * count grants and expiries, and tell watches its {@link #events()}. It only informs; it decides nothing.
 */
public final class Changes implements SessionRules.Changed, LockRules.Changed, MemberRules.Changed, ElectionRules.Changed {

    private final List<Grant> grants = new ArrayList<>();
    private final Set<String> locks = new TreeSet<>();
    private final Set<String> groups = new TreeSet<>();
    private final Set<WaiterChange> waiters = new TreeSet<>();
    private final Set<String> elections = new TreeSet<>();
    private final List<Grant> wins = new ArrayList<>();
    private final Set<WaiterChange> candidacies = new TreeSet<>();
    private final List<String> endedSessions = new ArrayList<>();
    private final List<WatchEvent> events = new ArrayList<>();
    private int expiredSessions;

    @Override
    public void granted(Grant grant) {
        grants.add(grant);
        events.add(new WatchEvent.LockGranted(grant.lock(), grant.sessionId(), grant.fence()));
        locks.add(grant.lock());
        waiters.add(new WaiterChange(grant.lock(), grant.sessionId()));
    }

    @Override
    public void waiterChanged(String lock, String sessionId) {
        waiters.add(new WaiterChange(lock, sessionId));
    }

    @Override
    public void lockChanged(String lock) {
        locks.add(lock);
    }

    @Override
    public void won(Grant win) {
        wins.add(win);
    }

    @Override
    public void event(WatchEvent event) {
        events.add(event);
    }

    @Override
    public void election(String election) {
        elections.add(election);
    }

    @Override
    public void candidacy(String election, String sessionId) {
        candidacies.add(new WaiterChange(election, sessionId));
    }

    @Override
    public void groupChanged(String group) {
        groups.add(group);
    }

    @Override
    public void sessionEnded(String sessionId, boolean expired) {
        endedSessions.add(sessionId);
        if (expired) {
            expiredSessions++;
        }
    }

    public List<Grant> grants() {
        return grants;
    }

    public Set<String> locks() {
        return locks;
    }

    public Set<String> groups() {
        return groups;
    }

    /** The waits whose outcome may have changed: a release names only the waiter it granted. */
    public Set<WaiterChange> waiters() {
        return waiters;
    }

    /** Election terms won in this entry: a lock grant's counterpart, the election's name in {@code lock}. */
    public List<Grant> electionWins() {
        return wins;
    }

    public Set<String> elections() {
        return elections;
    }

    /** The campaigns whose outcome may have changed (the election's name in {@code lock}). */
    public Set<WaiterChange> candidacies() {
        return candidacies;
    }

    public List<String> endedSessions() {
        return endedSessions;
    }

    /** What a watcher is told of this entry, in the order apply did it. */
    public List<WatchEvent> events() {
        return events;
    }

    public int expiredSessions() {
        return expiredSessions;
    }

    public boolean isEmpty() {
        return grants.isEmpty() && locks.isEmpty() && groups.isEmpty() && endedSessions.isEmpty()
                && elections.isEmpty();
    }
}
