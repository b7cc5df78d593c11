package io.warden.domain.session;

import io.warden.domain.Command.ExpireSessions;
import io.warden.domain.Command.ExtendSessions;
import io.warden.domain.Result;
import io.warden.domain.watch.WatchEvent;

import java.util.List;
import java.util.Optional;

/**
 * The rules of sessions: created with a TTL in leader time, renewed by a keepalive, extended once per
 * leader change (so a new leader whose clock is ahead cannot expire them early), expired only by the
 * leader whose word on time counts ({@link LeaderTerms}). What a session's end does to its locks,
 * members and terms is the other areas' rules; this class ends the session itself, last.
 */
public final class SessionRules {

    /** What the rules tell the state about. */
    public interface Changed {
        void sessionEnded(String sessionId, boolean expired);

        void event(WatchEvent event);
    }

    private final SessionTable sessions;
    private final LeaderTerms terms;

    public SessionRules(SessionTable sessions, LeaderTerms terms) {
        this.sessions = sessions;
        this.terms = terms;
    }

    public Result create(String id, String name, long ttlMs, long nowMs, Changed changed) {
        if (sessions.contains(id)) {
            // Ids are random UUIDs; a clash means a replayed proposal, never a second session.
            return info(sessions.find(id).orElseThrow(), nowMs);
        }
        Session session = new Session(id, name, ttlMs, nowMs + ttlMs, false, false);
        sessions.put(session);
        changed.event(new WatchEvent.SessionCreated(id, name, ttlMs));
        return info(session, nowMs);
    }

    /** The session a lock acquire without one makes for itself; it ends with that lock. */
    public void createOneShot(String id, long ttlMs, long nowMs, Changed changed) {
        if (!sessions.contains(id)) {
            sessions.put(new Session(id, null, ttlMs, nowMs + ttlMs, true, false));
            changed.event(new WatchEvent.SessionCreated(id, null, ttlMs));
        }
    }

    public Result keepAlive(String id, long nowMs) {
        Optional<Session> found = sessions.find(id);
        if (found.isEmpty()) {
            return new Result.SessionNotFound(id);
        }
        Session renewed = found.get().renewedAt(nowMs);
        sessions.put(renewed);
        return info(renewed, nowMs);
    }

    public Result extend(ExtendSessions e, long nowMs, long term) {
        if (!terms.admitsExtension(e.term(), term)) {
            return new Result.SessionsExtended(0);
        }
        terms.extended(term);
        return new Result.SessionsExtended(sessions.extendAll(nowMs));
    }

    /** An expiry counts only from the leader whose word on time counts in this term. */
    public boolean admitsExpiry(ExpireSessions e, long term) {
        return terms.admitsExpiry(e.term(), term);
    }

    /** The leader time up to which an expiry ends what is due: never later than the entry's own. */
    public static long asOf(ExpireSessions e, long nowMs) {
        return Math.min(nowMs, e.asOfMs());
    }

    /** The sessions whose deadline has passed at {@code asOfMs}. */
    public List<String> dueAt(long asOfMs) {
        return sessions.dueAt(asOfMs);
    }

    /** Removes the session, after the other areas let go of it; watchers hear its end last. */
    public void end(String id, boolean expired, Changed changed) {
        String name = sessions.find(id).map(Session::name).orElse(null);
        sessions.remove(id);
        changed.sessionEnded(id, expired);
        changed.event(new WatchEvent.SessionEnded(id, name, expired ? "expired" : "deleted"));
    }

    public boolean isOneShot(String id) {
        return sessions.find(id).map(Session::oneShot).orElse(false);
    }

    private static Result info(Session s, long nowMs) {
        return new Result.SessionInfo(s.id(), s.name(), s.ttlMs(), s.deadlineMs() - nowMs);
    }
}
