package io.warden.domain.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class FilterIndexTest {

    private static final String[] NAMES = {"a", "ab", "abc", "b.x", "b.y", "billing.lock", "billing", "z"};
    private static final String[] SESSIONS = {"s1", "s2", "s3"};

    /** The index finds exactly the watchers a test of every filter would, as watchers come and go. */
    @Test
    void findsExactlyWhatTestingEveryFilterFinds() {
        Random random = new Random(42);
        FilterIndex<Integer> index = new FilterIndex<>();
        Map<Integer, WatchFilter> registered = new HashMap<>();
        int checked = 0;
        int matchedSome = 0;
        for (int step = 0; step < 20_000; step++) {
            if (registered.size() < 5 || random.nextInt(3) == 0) {
                int id = step;
                WatchFilter filter = randomFilter(random);
                index.add(id, filter);
                registered.put(id, filter);
            } else if (random.nextInt(4) == 0) {
                Integer gone = new ArrayList<>(registered.keySet()).get(random.nextInt(registered.size()));
                index.remove(gone);
                registered.remove(gone);
            }
            WatchEvent event = randomEvent(random);
            Set<Integer> expected = new TreeSet<>();
            registered.forEach((id, filter) -> {
                if (filter.matches(event)) {
                    expected.add(id);
                }
            });
            List<Integer> found = new ArrayList<>();
            index.matching(event, found::add);
            assertEquals(expected, new TreeSet<>(found), "event " + event + " step " + step);
            assertEquals(found.size(), new TreeSet<>(found).size(), "each watcher told once");
            assertEquals(registered.size(), index.size());
            checked++;
            matchedSome += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(matchedSome > checked / 4, "the random filters matched often enough to mean something: " + matchedSome);
    }

    @Test
    void aWatcherIsIndexedOnce() {
        FilterIndex<String> index = new FilterIndex<>();
        index.add("w", WatchFilter.ALL);
        assertThrows(IllegalArgumentException.class, () -> index.add("w", WatchFilter.ALL));
        index.remove("w");
        index.remove("w");
        assertEquals(0, index.size());
    }

    private static WatchFilter randomFilter(Random random) {
        String name = NAMES[random.nextInt(NAMES.length)];
        // A third without a prefix; the rest a prefix of some name, one character up to all of it.
        String prefix = random.nextInt(3) == 0 ? null : name.substring(0, 1 + random.nextInt(name.length()));
        EnumSet<WatchEvent.Kind> kinds = EnumSet.noneOf(WatchEvent.Kind.class);
        for (WatchEvent.Kind kind : WatchEvent.Kind.values()) {
            if (random.nextInt(3) == 0) {
                kinds.add(kind);
            }
        }
        String session = random.nextInt(4) == 0 ? SESSIONS[random.nextInt(SESSIONS.length)] : null;
        return new WatchFilter(prefix, kinds, session);
    }

    private static WatchEvent randomEvent(Random random) {
        String name = NAMES[random.nextInt(NAMES.length)];
        String session = SESSIONS[random.nextInt(SESSIONS.length)];
        return switch (random.nextInt(4)) {
            case 0 -> new WatchEvent.LockGranted(name, session, 1);
            case 1 -> new WatchEvent.MemberLeft(name, "m", session, "deleted");
            case 2 -> new WatchEvent.Elected(name, session, 2, "v");
            default -> new WatchEvent.SessionEnded(session, random.nextBoolean() ? null : name, "expired");
        };
    }
}
