package io.warden.sidebyside;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * etcd 3.4 through its HTTP/JSON gateway: a lease of 60 s per client, {@code /v3/lock/lock} with that
 * lease (blocks until granted, answers the owner key), {@code /v3/lock/unlock} with the key.
 */
final class EtcdClient implements LockClient {

    private final Http http;
    private final String lease;
    private final Map<String, String> keys = new HashMap<>();

    EtcdClient(String endpoint) throws Exception {
        http = new Http(endpoint);
        lease = Http.field(http.post("/v3/lease/grant", "{\"TTL\":60}", 200), "ID");
    }

    @Override
    public void acquire(String name) throws Exception {
        String b64 = Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8));
        String body = http.post("/v3/lock/lock", "{\"name\":\"" + b64 + "\",\"lease\":\"" + lease + "\"}", 200);
        keys.put(name, Http.field(body, "key"));
    }

    @Override
    public void release(String name) throws Exception {
        String key = keys.remove(name);
        if (key == null) {
            throw new IllegalStateException("not held: " + name);
        }
        http.post("/v3/lock/unlock", "{\"key\":\"" + key + "\"}", 200);
    }

    @Override
    public void keepAlive() throws Exception {
        http.post("/v3/lease/keepalive", "{\"ID\":\"" + lease + "\"}", 200);
    }

    @Override
    public void close() {
        try {
            http.post("/v3/lease/revoke", "{\"ID\":\"" + lease + "\"}", 200);
        } catch (Exception ignored) {
            // the lease ends by its TTL
        }
    }
}
