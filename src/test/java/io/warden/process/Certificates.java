package io.warden.process;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Throwaway certificates for the TLS tests, made by bin/make-certs as a user makes them. */
final class Certificates {

    private Certificates() {
    }

    /** An SSL context whose only trusted certificate is the CA in {@code caPem}. */
    static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** Runs bin/make-certs (openssl) into {@code dir}; an existing CA there is reused. */
    static Path make(Path dir, String... names) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("bin", "make-certs").toAbsolutePath().toString(),
                dir.toString()));
        command.addAll(List.of(names));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/make-certs did not finish");
        assertEquals(0, p.exitValue(), "bin/make-certs failed:\n" + out);
        return dir;
    }
}
