package io.warden.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS for clients with Quarkus' TLS registry (a PEM certificate and key from bin/make-certs) and
 * plain HTTP refused: a client that trusts the CA is served sessions and locks; plain HTTP finds no
 * port; a client that does not trust the CA fails its handshake.
 */
class HttpsIT {

    private WardenProcess node;

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Timeout(180)
    void clientsAreServedOverHttpsOnlyWithTheCertificateTheyTrust() throws Exception {
        Path dir = WardenProcess.scratchDir("https");
        Path certs = dir.resolve("certs");
        Certificates.make(certs, "n1");
        int httpsPort = WardenProcess.freePorts(1)[0];
        node = WardenProcess.single(dir, "n1");
        node.start("quarkus.tls.key-store.pem.0.cert=" + certs.resolve("n1.pem"),
                "quarkus.tls.key-store.pem.0.key=" + certs.resolve("n1.key"),
                "quarkus.http.ssl-port=" + httpsPort, "quarkus.http.insecure-requests=disabled");
        String base = "https://localhost:" + httpsPort;
        HttpClient trusting = HttpClient.newBuilder().sslContext(Certificates.trusting(certs.resolve("ca.pem")))
                .connectTimeout(Duration.ofSeconds(2)).build();

        Eventually.await(WardenCluster.START, "n1 ready over HTTPS (log " + node.logFile() + ")", () -> {
            assertTrue(node.isAlive(), () -> "n1 exited:\n" + node.logTail(60));
            try {
                return send(trusting, get(base + "/q/health/ready")).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        HttpResponse<String> session = send(trusting, post(base + "/v1/sessions", "{\"ttl\":\"30s\"}"));
        assertEquals(201, session.statusCode(), session.body());
        String id = session.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> lock = send(trusting, post(base + "/v1/locks/https.demo/acquire", "{\"session\":\"" + id + "\"}"));
        assertEquals(200, lock.statusCode(), lock.body());
        assertTrue(lock.body().contains("\"fence\""), lock.body());

        // The plain-HTTP port is not opened at all.
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        assertThrows(ConnectException.class, () -> send(plain, get(node.baseUrl() + "/v1/sessions")));
        // A client without the CA in its trust store refuses the server's certificate.
        HttpClient distrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        assertThrows(SSLHandshakeException.class, () -> send(distrusting, get(base + "/v1/sessions")));
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
