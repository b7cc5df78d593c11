package io.warden.process;

import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A plain JDK HTTP client for talking to Warden processes; JSON is read with RestAssured's JsonPath. */
public final class Http {

    /** Longer than Warden's 5 s request timeout, so a 503 from the node arrives before the client gives up. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    // HTTP/1.1 only: the JDK client would otherwise try an h2c upgrade on every plain request.
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Http() {
    }

    /** A response: status, raw body, the X-Warden-Index header, and all headers. */
    public record Reply(int status, String body, String wardenIndex, HttpHeaders headers) {

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonPath json() {
            return JsonPath.from(body);
        }

        public String string(String path) {
            return json().getString(path);
        }

        public long number(String path) {
            return json().getLong(path);
        }

        public int integer(String path) {
            return json().getInt(path);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public static Reply get(String url) {
        return send(request(url).GET().build());
    }

    public static Reply post(String url, String json) {
        return post(url, json, null);
    }

    public static Reply post(String url, String json, String idempotencyKey) {
        return send(withKey(request(url), idempotencyKey).POST(body(json)).build());
    }

    public static Reply put(String url, String json) {
        return put(url, json, null);
    }

    public static Reply put(String url, String json, String idempotencyKey) {
        return send(withKey(request(url), idempotencyKey).PUT(body(json)).build());
    }

    public static Reply delete(String url, String idempotencyKey) {
        return send(withKey(request(url), idempotencyKey).DELETE().build());
    }

    /** A GET whose answer may take a while (a blocking query); the caller holds the future. */
    public static CompletableFuture<Reply> getAsync(String url, Duration timeout) {
        HttpRequest request = request(url).timeout(timeout).GET().build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Http::reply);
    }

    /** A POST whose answer may take a while (a waiting acquire); the caller holds the future. */
    public static CompletableFuture<Reply> postAsync(String url, String json, Duration timeout) {
        HttpRequest request = request(url).timeout(timeout).POST(body(json)).build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Http::reply);
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json");
    }

    private static HttpRequest.Builder withKey(HttpRequest.Builder builder, String key) {
        return key == null ? builder : builder.header("Idempotency-Key", key);
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json == null ? "" : json);
    }

    private static Reply send(HttpRequest request) {
        try {
            return reply(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Reply reply(HttpResponse<String> response) {
        return new Reply(response.statusCode(), response.body(),
                response.headers().firstValue("X-Warden-Index").orElse(null), response.headers());
    }
}
