package io.warden.domain.watch;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Finds the watchers an event matches without testing every watcher: filters with a session are found by
 * the event's session, filters with a prefix by the event name's prefixes of each length in use, and only
 * filters with neither are tested one by one. With a thousand watches on their own names, an event costs a
 * few map lookups, not a thousand prefix tests. Not thread-safe: the caller serializes access.
 */
public final class FilterIndex<T> {

    private final Map<T, WatchFilter> filters = new HashMap<>();
    private final Map<String, Set<T>> bySession = new HashMap<>();
    private final Map<String, Set<T>> byPrefix = new HashMap<>();
    /** Lengths of the prefixes in {@link #byPrefix}, with how many distinct prefixes have each. */
    private final TreeMap<Integer, Integer> prefixLengths = new TreeMap<>();
    private final Set<T> unindexed = new LinkedHashSet<>();

    public void add(T watcher, WatchFilter filter) {
        if (filters.put(watcher, filter) != null) {
            throw new IllegalArgumentException("already indexed: " + watcher);
        }
        if (filter.session() != null) {
            bySession.computeIfAbsent(filter.session(), k -> new LinkedHashSet<>()).add(watcher);
        } else if (filter.prefix() != null) {
            byPrefix.computeIfAbsent(filter.prefix(), k -> {
                prefixLengths.merge(k.length(), 1, Integer::sum);
                return new LinkedHashSet<>();
            }).add(watcher);
        } else {
            unindexed.add(watcher);
        }
    }

    public void remove(T watcher) {
        WatchFilter filter = filters.remove(watcher);
        if (filter == null) {
            return;
        }
        if (filter.session() != null) {
            removeFrom(bySession, filter.session(), watcher);
        } else if (filter.prefix() != null) {
            if (removeFrom(byPrefix, filter.prefix(), watcher)) {
                prefixLengths.computeIfPresent(filter.prefix().length(), (length, count) -> count == 1 ? null : count - 1);
            }
        } else {
            unindexed.remove(watcher);
        }
    }

    /** Tells {@code matched} each watcher whose filter matches {@code event}, once. */
    public void matching(WatchEvent event, Consumer<T> matched) {
        if (event.session() != null) {
            test(bySession.get(event.session()), event, matched);
        }
        String name = event.name();
        if (name != null) {
            for (int length : prefixLengths.headMap(name.length(), true).keySet()) {
                test(byPrefix.get(name.substring(0, length)), event, matched);
            }
        }
        test(unindexed, event, matched);
    }

    public int size() {
        return filters.size();
    }

    /** Every watcher indexed, in no particular order. */
    public List<T> watchers() {
        return List.copyOf(filters.keySet());
    }

    private void test(Set<T> candidates, WatchEvent event, Consumer<T> matched) {
        if (candidates == null) {
            return;
        }
        for (T watcher : candidates) {
            if (filters.get(watcher).matches(event)) {
                matched.accept(watcher);
            }
        }
    }

    /** Removes one watcher under a key; answers whether the key has none left. */
    private boolean removeFrom(Map<String, Set<T>> index, String key, T watcher) {
        Set<T> set = index.get(key);
        if (set == null) {
            return false;
        }
        set.remove(watcher);
        if (set.isEmpty()) {
            index.remove(key);
            return true;
        }
        return false;
    }
}
