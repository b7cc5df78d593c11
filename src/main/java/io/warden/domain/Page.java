package io.warden.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.Function;

/**
 * One page of a listing in key order: its items and, when more follow, the key to ask {@code after}
 * next (the last item's key), else null.
 */
public record Page<T>(List<T> items, String next) {

    public Page {
        items = List.copyOf(items);
    }

    /** A page of at most {@code limit} of {@code candidates}, which hold up to one item more if more follow. */
    static <T> Page<T> of(List<T> candidates, int limit, Function<T, String> key) {
        if (candidates.size() <= limit) {
            return new Page<>(candidates, null);
        }
        List<T> items = candidates.subList(0, limit);
        return new Page<>(items, key.apply(items.get(limit - 1)));
    }

    /** Up to {@code count} values of {@code map} with a key after {@code after} (null: from the first), in key order. */
    public static <V> List<V> valuesAfter(NavigableMap<String, V> map, String after, int count) {
        // No size hint: a tail map's size() walks the whole tail.
        List<V> page = new ArrayList<>();
        for (V value : (after == null ? map : map.tailMap(after, false)).values()) {
            if (page.size() == count) {
                break;
            }
            page.add(value);
        }
        return page;
    }
}
