package io.warden.http;

/** The problem types of the README's error table, with their status and title. */
public enum ProblemType {
    INVALID_REQUEST(400, "urn:warden:invalid-request", "Invalid request"),
    UNAUTHORIZED(401, "urn:warden:unauthorized", "Unauthorized"),
    FORBIDDEN(403, "urn:warden:forbidden", "Forbidden"),
    SESSION_NOT_FOUND(404, "urn:warden:session-not-found", "Session not found"),
    MEMBER_NOT_FOUND(404, "urn:warden:member-not-found", "Member not found"),
    NOT_FOUND(404, "urn:warden:not-found", "Not found"),
    PEER_NOT_FOUND(404, "urn:warden:peer-not-found", "Peer not found"),
    METHOD_NOT_ALLOWED(405, "urn:warden:method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "urn:warden:not-acceptable", "Not acceptable"),
    LOCK_HELD(409, "urn:warden:lock-held", "Lock held"),
    NOT_HOLDER(409, "urn:warden:not-holder", "Not the holder"),
    STALE_FENCE(409, "urn:warden:stale-fence", "Stale fence"),
    MEMBER_TAKEN(409, "urn:warden:member-taken", "Member taken"),
    PEER_EXISTS(409, "urn:warden:peer-exists", "Peer exists"),
    CLUSTER_CHANGE_REFUSED(409, "urn:warden:cluster-change-refused", "Cluster change refused"),
    NOT_ELECTED(409, "urn:warden:not-elected", "Not elected"),
    NOT_LEADER(409, "urn:warden:not-leader", "Not the leader"),
    STALE_TERM(409, "urn:warden:stale-term", "Stale term"),
    TOO_LARGE(413, "urn:warden:too-large", "Request too large"),
    URI_TOO_LONG(414, "urn:warden:too-large", "Request target too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "urn:warden:unsupported-media-type", "Unsupported media type"),
    KEY_REUSED(422, "urn:warden:idempotency-key-reused", "Idempotency key reused"),
    LIMIT(429, "urn:warden:limit", "Limit reached"),
    HEADERS_TOO_LARGE(431, "urn:warden:too-large", "Request headers too large"),
    INTERNAL(500, "urn:warden:internal", "Internal error"),
    NOT_IMPLEMENTED(501, "urn:warden:method-not-allowed", "Method not implemented"),
    UNAVAILABLE(503, "urn:warden:unavailable", "Unavailable");

    public final int status;
    public final String uri;
    public final String title;

    ProblemType(int status, String uri, String title) {
        this.status = status;
        this.uri = uri;
        this.title = title;
    }
}
