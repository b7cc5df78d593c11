package io.warden.domain.election;

import io.warden.domain.lock.FenceCounter;
import io.warden.domain.lock.Grant;
import io.warden.domain.lock.LockTable;
import io.warden.domain.lock.LockView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Elections are locks with a value: the leader is the holder of a lock table of their own, the term is
 * the grant's fence (from the counter lock fences come from), candidates wait in the same FIFO queue
 * with the same replicated deadlines. What the lock table does not keep lives here: each candidacy's
 * value and each election's modify index.
 */
public final class Elections {

    private final LockTable table;
    /** Per election, the value of each candidacy (the leader's and the waiting ones). */
    private final NavigableMap<String, NavigableMap<String, String>> values = new TreeMap<>();
    /** Modify index of each election in use. */
    private final NavigableMap<String, Long> indexes = new TreeMap<>();
    /** The log index of the last change to any election: what a read of an unused election reports. */
    private long lastChange;

    public Elections(FenceCounter fences) {
        this.table = new LockTable(fences);
    }

    public ElectionView view(String election) {
        LockView lock = table.view(election);
        String value = lock.holder() == null ? null : valueOf(election, lock.holder());
        return new ElectionView(election, lock.holder(), value, lock.fence(), lock.waiters().size(), indexOf(election));
    }

    /** Elections with a leader or candidates, in name order, after {@code after} (exclusive). */
    public List<ElectionView> list(String after, int count) {
        List<ElectionView> page = new ArrayList<>();
        for (LockView lock : table.list(null, after, count)) {
            page.add(view(lock.name()));
        }
        return page;
    }

    public Optional<Grant> leading(String election, String session) {
        return table.grantOf(election, session);
    }

    public boolean isCandidate(String election, String session) {
        return table.isWaiting(election, session);
    }

    /** Leads at once if nobody does; answers the win. */
    public Optional<Grant> tryLead(String election, String session, String value, long logIndex) {
        Optional<Grant> won = table.tryGrant(election, session);
        if (won.isPresent()) {
            setValue(election, session, value);
            touch(election, logIndex);
        }
        return won;
    }

    /** Queues a candidacy until {@code deadlineMs} (leader time). */
    public void stand(String election, String session, String value, long deadlineMs, long logIndex) {
        table.enqueue(election, session, deadlineMs);
        setValue(election, session, value);
        touch(election, logIndex);
    }

    /** Withdraws a waiting candidacy; false if there was none. */
    public boolean withdraw(String election, String session, long logIndex) {
        if (!table.withdraw(election, session)) {
            return false;
        }
        removeValue(election, session);
        touch(election, logIndex);
        return true;
    }

    public void proclaim(String election, String session, String value, long logIndex) {
        setValue(election, session, value);
        touch(election, logIndex);
    }

    /** The leader steps down; the next candidate, if any, wins a new term. */
    public Optional<Grant> resign(String election, String session, long logIndex) {
        Optional<Grant> next = table.release(election, session);
        removeValue(election, session);
        touch(election, logIndex);
        return next;
    }

    /** A session ended: its wins pass to the next candidates, its candidacies end. Answers the new wins. */
    public List<Grant> removeSession(String session, long logIndex) {
        List<String> affected = electionsOf(session);
        List<Grant> wins = table.removeSession(session);
        for (String election : affected) {
            removeValue(election, session);
            touch(election, logIndex);
        }
        return wins;
    }

    /** The elections the session leads or stands in. */
    public List<String> electionsOf(String session) {
        return List.copyOf(new TreeSet<>(table.locksOf(session)));
    }

    public List<LockTable.WaitDue> waitsDueAt(long nowMs) {
        return table.waitsDueAt(nowMs);
    }

    public Optional<Long> earliestWaitDeadline() {
        return table.earliestWaitDeadline();
    }

    public int size() {
        return table.size();
    }

    public boolean inUse(String election) {
        return table.inUse(election);
    }

    public int candidatesOf(String election) {
        return table.waitersOf(election);
    }

    public String valueOf(String election, String session) {
        Map<String, String> of = values.get(election);
        return of == null ? null : of.get(session);
    }

    // ---- snapshot access ----

    public LockTable table() {
        return table;
    }

    public long indexOf(String election) {
        return indexes.getOrDefault(election, lastChange);
    }

    public long lastChange() {
        return lastChange;
    }

    /** Restores one election's values and index; its queue is restored through {@link #table()}. */
    public void restore(String election, long index, Map<String, String> candidacyValues) {
        indexes.put(election, index);
        candidacyValues.forEach((session, value) -> setValue(election, session, value));
    }

    public void restoreLastChange(long index) {
        lastChange = index;
    }

    /** Empties every election; the shared fence counter is reset too, as a snapshot restore then sets it. */
    public void clear() {
        table.clear();
        values.clear();
        indexes.clear();
        lastChange = 0;
    }

    private void setValue(String election, String session, String value) {
        values.computeIfAbsent(election, k -> new TreeMap<>()).put(session, value == null ? "" : value);
    }

    private void removeValue(String election, String session) {
        Map<String, String> of = values.get(election);
        if (of != null) {
            of.remove(session);
            if (of.isEmpty()) {
                values.remove(election);
            }
        }
    }

    /** Records a change at {@code logIndex}; an election nobody leads or waits for keeps no index of its own. */
    private void touch(String election, long logIndex) {
        lastChange = Math.max(lastChange, logIndex);
        if (table.inUse(election)) {
            indexes.put(election, logIndex);
        } else {
            indexes.remove(election);
        }
    }
}
