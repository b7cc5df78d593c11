package io.warden.http;

import io.warden.raft.StateReads;

import java.util.function.Function;

/**
 * Hides session ids from callers they do not belong to: a token sees its own sessions' ids, an admin
 * sees all, others see holders and members by name and fence only (a session id is all it takes to act
 * with a session). With access control off, every id is shown.
 */
record SessionMask(Caller caller, Function<String, String> ownerOf) {

    static final SessionMask NONE = new SessionMask(Caller.OPEN, id -> null);

    /** Who owns a session, from this node's applied state (null: nobody, or no such session). */
    static Function<String, String> owners(StateReads state) {
        return id -> state.readLocal(r -> r.ownerOf(id)).value().orElse(null);
    }

    String show(String sessionId) {
        if (sessionId == null || caller.admin()) {
            return sessionId;
        }
        return caller.sees(ownerOf.apply(sessionId)) ? sessionId : null;
    }
}
