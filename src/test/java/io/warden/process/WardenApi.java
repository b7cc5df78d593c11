package io.warden.process;

import io.warden.process.Http.Reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The few API calls the process tests make, against one node's base URL. */
final class WardenApi {

    private WardenApi() {
    }

    /** Creates a session and returns its id; fails the test unless the node answers 201. */
    static String createSession(String baseUrl, String ttl, String name) {
        Reply reply = Http.post(baseUrl + "/v1/sessions", "{\"ttl\":\"" + ttl + "\",\"name\":\"" + name + "\"}");
        assertEquals(201, reply.status(), () -> "create session " + name + ": " + reply);
        return reply.string("id");
    }

    static Reply keepAlive(String baseUrl, String sessionId) {
        return Http.put(baseUrl + "/v1/sessions/" + sessionId + "/keepalive", "");
    }

    static Reply session(String baseUrl, String sessionId) {
        return Http.get(baseUrl + "/v1/sessions/" + sessionId);
    }

    static String acquireBody(String sessionId, String wait) {
        return "{\"session\":\"" + sessionId + "\",\"wait\":\"" + wait + "\"}";
    }

    static Reply acquire(String baseUrl, String lock, String sessionId) {
        return Http.post(baseUrl + "/v1/locks/" + lock + "/acquire", acquireBody(sessionId, "0s"));
    }

    /** Acquires a lock that must be free and returns its fence. */
    static long acquireFree(String baseUrl, String lock, String sessionId) {
        Reply reply = acquire(baseUrl, lock, sessionId);
        assertEquals(200, reply.status(), () -> "acquire " + lock + ": " + reply);
        assertEquals(sessionId, reply.string("session"), () -> "acquire " + lock + ": " + reply);
        return reply.number("fence");
    }

    static Reply release(String baseUrl, String lock, String sessionId, long fence, String idempotencyKey) {
        return Http.post(baseUrl + "/v1/locks/" + lock + "/release",
                "{\"session\":\"" + sessionId + "\",\"fence\":" + fence + "}", idempotencyKey);
    }

    static Reply lock(String baseUrl, String lock) {
        return Http.get(baseUrl + "/v1/locks/" + lock);
    }

    static Reply putMember(String baseUrl, String group, String member, String sessionId, String address) {
        return Http.put(baseUrl + "/v1/groups/" + group + "/members/" + member,
                "{\"session\":\"" + sessionId + "\",\"address\":\"" + address + "\",\"metadata\":{\"zone\":\"a\"}}");
    }

    static Reply group(String baseUrl, String group) {
        return Http.get(baseUrl + "/v1/groups/" + group + "/members");
    }

    static Reply cluster(String baseUrl) {
        return Http.get(baseUrl + "/v1/cluster");
    }
}
