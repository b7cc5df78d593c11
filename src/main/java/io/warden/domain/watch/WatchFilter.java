package io.warden.domain.watch;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which events a watch wants; every part is optional and they combine: a name prefix, the kinds of
 * event, and one session (its locks, memberships, candidacies and its end).
 */
public record WatchFilter(String prefix, Set<WatchEvent.Kind> kinds, String session) {

    public static final WatchFilter ALL = new WatchFilter(null, EnumSet.allOf(WatchEvent.Kind.class), null);

    public WatchFilter {
        kinds = kinds.isEmpty() ? EnumSet.allOf(WatchEvent.Kind.class) : EnumSet.copyOf(kinds);
    }

    public boolean matches(WatchEvent event) {
        if (!kinds.contains(event.kind())) {
            return false;
        }
        if (session != null && !session.equals(event.session())) {
            return false;
        }
        return prefix == null || (event.name() != null && event.name().startsWith(prefix));
    }
}
