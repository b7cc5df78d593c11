package io.warden.http;

import io.warden.domain.member.GroupView;
import io.warden.domain.ring.Rendezvous;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ring of each recently asked group, kept while the group's index stays the same: a lookup then
 * hashes only the key, not every member again. Bounded (least recently used out first), so many
 * groups cost memory in proportion to the bound, not to their number.
 */
@ApplicationScoped
public class RingCache {

    private static final int MAX_GROUPS = 256;

    private record Entry(long index, Rendezvous ring) {}

    private final Map<String, Entry> byGroup = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_GROUPS;
        }
    };

    /** The ring of the group as {@code view} shows it. */
    public synchronized Rendezvous of(GroupView view) {
        Entry cached = byGroup.get(view.group());
        if (cached == null || cached.index() != view.index()) {
            cached = new Entry(view.index(), Rendezvous.of(view.members()));
            byGroup.put(view.group(), cached);
        }
        return cached.ring();
    }
}
