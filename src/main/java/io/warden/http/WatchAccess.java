package io.warden.http;

import io.warden.domain.acl.AclRule;
import io.warden.domain.watch.WatchEvent;
import io.warden.domain.watch.WatchFilter;

import java.util.function.Function;

/**
 * Who may open a watch, judged on its filter (the access filter lets any token through to here): a
 * watch of one session needs that session to be the caller's own, since it shows only what happens to
 * that session; any other watch needs read on every name it can match, for every kind it asks for (a
 * rule of that kind whose prefix covers the watch's prefix). What a watch then shows is masked like
 * every other answer: other tokens' session ids are left out ({@link SessionMask}).
 */
final class WatchAccess {

    private WatchAccess() {
    }

    /** Why the caller may not open this watch, or null when it may. */
    static String refusal(Caller caller, WatchFilter filter, Function<String, String> ownerOf) {
        if (caller.admin()) {
            return null;
        }
        if (filter.session() != null) {
            return caller.sees(ownerOf.apply(filter.session())) ? null
                    : "a watch of a session needs that session to be the token's own";
        }
        String prefix = filter.prefix() == null ? "" : filter.prefix();
        for (WatchEvent.Kind kind : filter.kinds()) {
            AclRule.Kind ruleKind = ruleKindOf(kind);
            if (!caller.mayReadAllUnder(ruleKind, prefix)) {
                return "the token may not read every " + ruleKind.wire() + " under '" + prefix
                        + "'; narrow the watch with prefix, types or session";
            }
        }
        return null;
    }

    /**
     * The mask of a watch's events. The watched session stays visible to its owner after it ended
     * (when the table no longer names its owner): its end is what the watch is for.
     */
    static SessionMask mask(Caller caller, WatchFilter filter, Function<String, String> ownerOf) {
        if (caller.admin()) {
            return SessionMask.NONE;
        }
        String own = filter.session();
        return new SessionMask(caller, id -> id.equals(own) ? caller.principal() : ownerOf.apply(id));
    }

    private static AclRule.Kind ruleKindOf(WatchEvent.Kind kind) {
        return switch (kind) {
            case SESSION -> AclRule.Kind.SESSION;
            case LOCK -> AclRule.Kind.LOCK;
            case MEMBER -> AclRule.Kind.GROUP;
            case ELECTION -> AclRule.Kind.ELECTION;
        };
    }
}
