package io.warden.raft;

import io.warden.config.WardenConfig;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Raft TLS settings: all three files or none, each readable, so a typo stops the start with its name. */
class RaftTlsTest {

    @TempDir
    Path dir;

    @Test
    void noFilesMeansPlainTextAndNoTlsParameter() {
        WardenConfig.Tls none = tls(null, null, null);
        assertFalse(RaftTls.files(none).isPresent());
        assertNull(GrpcConfigKeys.TLS.conf(RaftTls.parameters(none)));
    }

    @Test
    void someButNotAllFilesIsRefusedNamingWhatIsMissing() throws IOException {
        String cert = file("n1.pem");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RaftTls.files(tls(cert, null, null)));
        assertTrue(e.getMessage().contains("warden.raft.tls.key") && e.getMessage().contains("warden.raft.tls.trust"),
                e.getMessage());
        assertFalse(e.getMessage().contains("warden.raft.tls.cert"), e.getMessage());
    }

    @Test
    void aFileThatCannotBeReadIsRefusedByItsSetting() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RaftTls.files(tls(file("n1.pem"), dir.resolve("missing.key").toString(), file("ca.pem"))));
        assertTrue(e.getMessage().startsWith("warden.raft.tls.key names "), e.getMessage());
    }

    @Test
    void threeReadableFilesTurnMutualTlsOn() throws IOException {
        WardenConfig.Tls all = tls(file("n1.pem"), file("n1.key"), file("ca.pem"));
        assertTrue(RaftTls.files(all).isPresent());
        RaftTls.Files files = RaftTls.files(all).orElseThrow();
        assertEquals("n1.key", files.key().getName());
        assertTrue(GrpcConfigKeys.TLS.conf(RaftTls.parameters(all)).getMtlsEnabled());
    }

    private String file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "-----BEGIN-----\n").toString();
    }

    private static WardenConfig.Tls tls(String cert, String key, String trust) {
        return new WardenConfig.Tls() {
            @Override
            public Optional<String> cert() {
                return Optional.ofNullable(cert);
            }

            @Override
            public Optional<String> key() {
                return Optional.ofNullable(key);
            }

            @Override
            public Optional<String> trust() {
                return Optional.ofNullable(trust);
            }
        };
    }
}
