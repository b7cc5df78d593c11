package io.warden.sidebyside;

/**
 * Warden's HTTP API: a session of 60 s per client, {@code acquire} with {@code wait 10s} (200 = granted,
 * any other status is an error), {@code release} by session.
 */
final class WardenClient implements LockClient {

    private final Http http;
    private final String session;

    WardenClient(String endpoint) throws Exception {
        // Set by side-by-side.sh --warden-secure: HTTPS with the group's CA, and a token.
        http = new Http(endpoint, System.getenv("WARDEN_BENCH_CA"), System.getenv("WARDEN_BENCH_TOKEN"));
        session = Http.field(http.post("/v1/sessions", "{\"ttl\":\"60s\"}", 201), "id");
    }

    @Override
    public void acquire(String name) throws Exception {
        Http.field(http.post("/v1/locks/" + name + "/acquire", "{\"session\":\"" + session + "\",\"wait\":\"10s\"}", 200), "fence");
    }

    @Override
    public void release(String name) throws Exception {
        http.post("/v1/locks/" + name + "/release", "{\"session\":\"" + session + "\"}", 200);
    }

    @Override
    public void keepAlive() throws Exception {
        http.send("PUT", "/v1/sessions/" + session + "/keepalive", null, 200);
    }

    @Override
    public void close() {
        try {
            http.send("DELETE", "/v1/sessions/" + session, null, 204);
        } catch (Exception ignored) {
            // the session ends by its TTL
        }
    }
}
