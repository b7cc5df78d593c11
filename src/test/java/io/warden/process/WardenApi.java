package io.warden.process;

import io.warden.process.Http.Reply;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The few API calls the process tests make, against one node's base URL. */
public final class WardenApi {

    private WardenApi() {
    }

    /** Creates a session and returns its id; fails the test unless the node answers 201. */
    public static String createSession(String baseUrl, String ttl, String name) {
        Reply reply = Http.post(baseUrl + "/v1/sessions", "{\"ttl\":\"" + ttl + "\",\"name\":\"" + name + "\"}");
        assertEquals(201, reply.status(), () -> "create session " + name + ": " + reply);
        return reply.string("id");
    }

    /** POST /v1/sessions as it is, for callers that judge the answer themselves (retries, idempotency). */
    public static Reply postSession(String baseUrl, String ttl, String name, String idempotencyKey) {
        return Http.post(baseUrl + "/v1/sessions", "{\"ttl\":\"" + ttl + "\",\"name\":\"" + name + "\"}", idempotencyKey);
    }

    public static Reply keepAlive(String baseUrl, String sessionId) {
        return keepAlive(baseUrl, sessionId, null);
    }

    public static Reply keepAlive(String baseUrl, String sessionId, String idempotencyKey) {
        return Http.put(baseUrl + "/v1/sessions/" + sessionId + "/keepalive", "", idempotencyKey);
    }

    public static Reply deleteSession(String baseUrl, String sessionId, String idempotencyKey) {
        return Http.delete(baseUrl + "/v1/sessions/" + sessionId, idempotencyKey);
    }

    public static Reply sessions(String baseUrl) {
        return Http.get(baseUrl + "/v1/sessions");
    }

    public static Reply session(String baseUrl, String sessionId) {
        return Http.get(baseUrl + "/v1/sessions/" + sessionId);
    }

    public static String acquireBody(String sessionId, String wait) {
        return "{\"session\":\"" + sessionId + "\",\"wait\":\"" + wait + "\"}";
    }

    public static Reply acquire(String baseUrl, String lock, String sessionId) {
        return Http.post(baseUrl + "/v1/locks/" + lock + "/acquire", acquireBody(sessionId, "0s"));
    }

    public static Reply acquire(String baseUrl, String lock, String sessionId, String wait, String idempotencyKey) {
        return Http.post(baseUrl + "/v1/locks/" + lock + "/acquire", acquireBody(sessionId, wait), idempotencyKey);
    }

    /** An acquire that waits for the lock; the node holds the request open, so the caller gets a future. */
    public static CompletableFuture<Reply> acquireAsync(String baseUrl, String lock, String sessionId, Duration wait) {
        return Http.postAsync(baseUrl + "/v1/locks/" + lock + "/acquire",
                acquireBody(sessionId, wait.toSeconds() + "s"), wait.plusSeconds(20));
    }

    /** Acquires a lock that must be free and returns its fence. */
    public static long acquireFree(String baseUrl, String lock, String sessionId) {
        Reply reply = acquire(baseUrl, lock, sessionId);
        assertEquals(200, reply.status(), () -> "acquire " + lock + ": " + reply);
        assertEquals(sessionId, reply.string("session"), () -> "acquire " + lock + ": " + reply);
        return reply.number("fence");
    }

    public static Reply release(String baseUrl, String lock, String sessionId, long fence, String idempotencyKey) {
        return Http.post(baseUrl + "/v1/locks/" + lock + "/release",
                "{\"session\":\"" + sessionId + "\",\"fence\":" + fence + "}", idempotencyKey);
    }

    public static Reply lock(String baseUrl, String lock) {
        return Http.get(baseUrl + "/v1/locks/" + lock);
    }

    /** A read from the serving node's own state, without a round trip to the leader. */
    public static Reply lockStale(String baseUrl, String lock) {
        return Http.get(baseUrl + "/v1/locks/" + lock + "?consistency=stale");
    }

    public static Reply putMember(String baseUrl, String group, String member, String sessionId, String address) {
        return Http.put(baseUrl + "/v1/groups/" + group + "/members/" + member,
                "{\"session\":\"" + sessionId + "\",\"address\":\"" + address + "\",\"metadata\":{\"zone\":\"a\"}}");
    }

    public static Reply putMember(String baseUrl, String group, String member, String sessionId, String address,
                           String idempotencyKey) {
        return Http.put(baseUrl + "/v1/groups/" + group + "/members/" + member,
                "{\"session\":\"" + sessionId + "\",\"address\":\"" + address + "\"}", idempotencyKey);
    }

    public static Reply group(String baseUrl, String group) {
        return Http.get(baseUrl + "/v1/groups/" + group + "/members");
    }

    /** A blocking query: answers once the group's index passes {@code index}, or when {@code wait} runs out. */
    public static CompletableFuture<Reply> groupAfter(String baseUrl, String group, long index, Duration wait) {
        return Http.getAsync(baseUrl + "/v1/groups/" + group + "/members?index=" + index + "&wait=" + wait.toSeconds() + "s",
                wait.plusSeconds(20));
    }

    public static Reply cluster(String baseUrl) {
        return Http.get(baseUrl + "/v1/cluster");
    }

    public static Reply addPeer(String baseUrl, String body) {
        return Http.post(baseUrl + "/v1/cluster/peers", body);
    }

    public static Reply removePeer(String baseUrl, String id) {
        return Http.delete(baseUrl + "/v1/cluster/peers/" + id, null);
    }

    public static Reply transferLeadership(String baseUrl, String id) {
        return Http.post(baseUrl + "/v1/cluster/leader", "{\"id\":\"" + id + "\"}");
    }

    public static Reply snapshot(String baseUrl) {
        return Http.post(baseUrl + "/v1/cluster/snapshot", "");
    }

    /** The leader a node knows of, from its readiness data (a local read, fast even while the group changes); null if none. */
    public static String leaderSeenBy(String baseUrl) {
        String leader = health(baseUrl, "ready").string("checks.find { it.name == 'raft-quorum' }.data.leader");
        return leader == null || leader.equals("none") ? null : leader;
    }

    /** GET /q/health/{check} (live, ready, started): 200 up, 503 down. */
    public static Reply health(String baseUrl, String check) {
        return Http.get(baseUrl + "/q/health/" + check);
    }
}
