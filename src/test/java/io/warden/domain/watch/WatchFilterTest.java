package io.warden.domain.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WatchFilterTest {

    private static final WatchEvent GRANT = new WatchEvent.LockGranted("billing.lock", "s1", 4);
    private static final WatchEvent JOIN = new WatchEvent.MemberPut("billing.workers", "w1", "s2", null, 1, false);
    private static final WatchEvent ENDED = new WatchEvent.SessionEnded("s1", "billing.worker", "expired");

    @Test
    void noFilterMatchesEverything() {
        assertTrue(WatchFilter.ALL.matches(GRANT));
        assertTrue(WatchFilter.ALL.matches(JOIN));
        assertTrue(WatchFilter.ALL.matches(ENDED));
    }

    @Test
    void filtersCombine() {
        var lockKinds = EnumSet.of(WatchEvent.Kind.LOCK, WatchEvent.Kind.SESSION);
        WatchFilter s1Billing = new WatchFilter("billing.", lockKinds, "s1");
        assertTrue(s1Billing.matches(GRANT));
        assertTrue(s1Billing.matches(ENDED), "a session event matches a prefix by the session's name");
        assertFalse(s1Billing.matches(JOIN), "kind and session both exclude it");
        assertFalse(new WatchFilter("orders.", lockKinds, null).matches(GRANT));
        assertFalse(new WatchFilter(null, EnumSet.noneOf(WatchEvent.Kind.class), "s2").matches(GRANT));
        assertTrue(new WatchFilter(null, EnumSet.noneOf(WatchEvent.Kind.class), "s2").matches(JOIN));
        assertFalse(new WatchFilter("x", EnumSet.noneOf(WatchEvent.Kind.class), null)
                .matches(new WatchEvent.SessionCreated("s3", null, 1000)), "a nameless session has no prefix");
    }

    @Test
    void eventIdsParseFormatAndOrder() {
        assertEquals(Optional.of(new EventId(42, 3)), EventId.parse("42.3"));
        assertEquals(Optional.of(EventId.afterEntry(42)), EventId.parse(" 42 "));
        assertEquals("42.3", new EventId(42, 3).toString());
        assertEquals("42", EventId.afterEntry(42).toString());
        for (String bad : new String[] {"", "x", "-1", "1.", ".1", "1.2.3", "1.-2", "99999999999999999999", "1.2147483647",
                "+4", "0x10"}) {
            assertEquals(Optional.empty(), EventId.parse(bad), bad);
        }
        assertTrue(new EventId(42, 3).compareTo(EventId.afterEntry(42)) < 0);
        assertTrue(EventId.afterEntry(42).compareTo(new EventId(43, 0)) < 0);
    }
}
