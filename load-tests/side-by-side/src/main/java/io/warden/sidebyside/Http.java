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

    private final HttpClient client;
    private final String base;
    private final String authorization;

    Http(String endpoint) {
        this(endpoint, null, null);
    }

    /**
     * With {@code caPem}, HTTPS to a server whose certificate that CA signed (the name checked is
     * localhost); with {@code token}, every request carries it as a bearer token.
     */
    Http(String endpoint, String caPem, String token) {
        if (!endpoint.startsWith("127.") && !endpoint.startsWith("localhost:")) {
            throw new IllegalArgumentException("benchmarks target loopback only: " + endpoint);
        }
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (caPem != null) {
            builder.sslContext(trusting(caPem));
        }
        this.client = builder.build();
        this.base = (caPem != null ? "https://localhost:" : "http://127.0.0.1:") + endpoint.substring(endpoint.indexOf(':') + 1);
        this.authorization = token == null ? null : "Bearer " + token;
    }

    private static javax.net.ssl.SSLContext trusting(String caPem) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(caPem))) {
            java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
            javax.net.ssl.TrustManagerFactory f = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            f.init(trust);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, f.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load CA certificate " + caPem, e);
        }
    }

    /** POSTs a JSON body; answers the body if the status is {@code expected}, else throws. */
    String post(String path, String json, int expected) throws Exception {
        return send("POST", path, json, expected);
    }

    String send(String method, String path, String json, int expected) throws Exception {
        int status = status(method, path, json);
        if (status != expected) {
            throw new IllegalStateException(method + " " + path + " -> " + status + " " + lastBody);
        }
        return lastBody;
    }

    private String lastBody;

    /** Sends and answers the status, whatever it is; the body is kept for {@link #lastBody()}. */
    int status(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        lastBody = r.body();
        return r.statusCode();
    }

    String lastBody() {
        return lastBody;
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
