package io.warden.domain.idempotency;

import io.warden.domain.Result;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Results remembered by idempotency key, so a retried request is answered with its first result and
 * changes nothing. Entries are kept in insertion order, which is leader-time order within one leader,
 * and are forgotten once older than the retention window, or, beyond {@code maxEntries}, oldest first
 * (a retry that late is treated as a new request, as once its retention has passed).
 */
public final class IdempotencyTable {

    /** One remembered answer: what was asked (fingerprint), when, and what it got. */
    public record Entry(String key, String fingerprint, long recordedAtMs, Result result) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final long retentionMs;
    private final int maxEntries;

    public IdempotencyTable(long retentionMs, int maxEntries) {
        this.retentionMs = retentionMs;
        this.maxEntries = maxEntries;
    }

    public Optional<Entry> find(String key, long nowMs) {
        Entry entry = entries.get(key);
        if (entry == null || entry.recordedAtMs() + retentionMs <= nowMs) {
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    public void record(String key, String fingerprint, long nowMs, Result result) {
        entries.remove(key);
        entries.put(key, new Entry(key, fingerprint, nowMs, result));
        if (entries.size() > maxEntries) {
            Iterator<Entry> oldest = entries.values().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Forgets entries past retention; stops at the first young entry since entries are time-ordered. */
    public int purge(long nowMs) {
        int purged = 0;
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            if (entry.recordedAtMs() + retentionMs > nowMs) {
                break;
            }
            it.remove();
            purged++;
        }
        return purged;
    }

    public List<Entry> all() {
        return new ArrayList<>(entries.values());
    }

    public int size() {
        return entries.size();
    }

    public void clear() {
        entries.clear();
    }
}
