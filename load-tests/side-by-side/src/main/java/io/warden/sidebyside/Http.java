package io.warden.sidebyside;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HTTP/1.1 connection's worth of client (one per load client) and the little JSON the clients read. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    Http(String endpoint) {
        if (!endpoint.startsWith("127.") && !endpoint.startsWith("localhost:")) {
            throw new IllegalArgumentException("benchmarks target loopback only: " + endpoint);
        }
        this.base = "http://" + endpoint;
    }

    /** POSTs a JSON body; answers the body if the status is {@code expected}, else throws. */
    String post(String path, String json, int expected) throws Exception {
        return send("POST", path, json, expected);
    }

    String send(String method, String path, String json, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** The first string or number value of {@code field} in a JSON text. */
    static String field(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(?:\"([^\"]*)\"|(-?[0-9]+))").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
