package io.warden.http;

import java.util.function.Function;

/**
 * Hides session ids from callers they do not belong to: a token sees its own sessions' ids, an admin
 * sees all, others see holders and members by name and fence only (a session id is all it takes to act
 * with a session). With access control off, every id is shown.
 */
record SessionMask(Caller caller, Function<String, String> ownerOf) {

    static final SessionMask NONE = new SessionMask(Caller.OPEN, id -> null);

    String show(String sessionId) {
        if (sessionId == null || caller.admin()) {
            return sessionId;
        }
        return caller.sees(ownerOf.apply(sessionId)) ? sessionId : null;
    }
}
