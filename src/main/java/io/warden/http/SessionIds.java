package io.warden.http;

import java.util.regex.Pattern;

/**
 * Session ids are UUIDs made by the node that created the session. Anything else names no session, so
 * it is answered 404 before it is proposed: an id of kilobytes never rides in a log entry.
 */
final class SessionIds {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private SessionIds() {
    }

    static boolean isWellFormed(String id) {
        return id != null && id.length() == 36 && UUID.matcher(id).matches();
    }

    static String require(String id) {
        if (!isWellFormed(id)) {
            throw new ProblemException(ProblemType.SESSION_NOT_FOUND, "session '" + abbreviate(id) + "' does not exist");
        }
        return id;
    }

    private static String abbreviate(String id) {
        return id == null || id.length() <= 64 ? id : id.substring(0, 64) + "…";
    }
}
