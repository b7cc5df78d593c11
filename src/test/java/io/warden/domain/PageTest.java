package io.warden.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.warden.domain.member.GroupView;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Listings come in pages in key order; walking them by {@code next} sees every item exactly once. */
class PageTest {

    private final StateDriver d = new StateDriver();

    @Test
    void sessionPagesWalkEveryIdOnceInOrder() {
        for (String id : List.of("e", "a", "c", "b", "d")) {
            d.session(id, 60_000);
        }

        Page<SessionView> first = d.reads.sessions(null, 2);
        assertEquals(List.of("a", "b"), first.items().stream().map(SessionView::id).toList());
        assertEquals("b", first.next());
        Page<SessionView> second = d.reads.sessions(first.next(), 2);
        assertEquals(List.of("c", "d"), second.items().stream().map(SessionView::id).toList());
        Page<SessionView> last = d.reads.sessions(second.next(), 2);
        assertEquals(List.of("e"), last.items().stream().map(SessionView::id).toList());
        assertNull(last.next(), "no page after the last");
        assertNull(d.reads.sessions(null, 5).next(), "exactly the limit: nothing more to ask for");
    }

    @Test
    void lockPagesKeepToTheirPrefix() {
        d.session("s", 60_000);
        for (String lock : List.of("a.1", "jobs.1", "jobs.2", "jobs.3", "z.1")) {
            d.grant(lock, "s");
        }

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            Page<LockInfo> page = d.reads.locks("jobs.", after, 2);
            page.items().forEach(l -> seen.add(l.name()));
            after = page.next();
        } while (after != null);

        assertEquals(List.of("jobs.1", "jobs.2", "jobs.3"), seen);
        assertEquals(List.of("z.1"), d.reads.locks(null, "jobs.3", 10).items().stream().map(LockInfo::name).toList());
        assertEquals(List.of("jobs.1"), d.reads.locks("jobs.", "a", 1).items().stream().map(LockInfo::name).toList(),
                "an after before the prefix starts at the prefix");
    }

    @Test
    void groupPagesWalkEveryGroupOnce() {
        d.session("s", 60_000);
        for (String group : List.of("g3", "g1", "g2")) {
            d.member(group, "m", "s");
        }

        Page<GroupView> first = d.reads.groups(null, 2);
        assertEquals(List.of("g1", "g2"), first.items().stream().map(GroupView::group).toList());
        assertEquals(List.of("g3"), d.reads.groups(first.next(), 2).items().stream().map(GroupView::group).toList());
    }
}
