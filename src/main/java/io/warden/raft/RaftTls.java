package io.warden.raft;

import io.warden.config.WardenConfig;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Raft port's mutual TLS, from {@code warden.raft.tls.*}. One configuration serves the server and
 * this node's own client to its peers, so a node presents the same certificate whether it accepts or
 * connects, and both sides require the other's certificate to be signed by the trusted CA.
 */
final class RaftTls {

    private RaftTls() {
    }

    /** Ratis parameters carrying the TLS configuration; empty when no TLS file is named. */
    static Parameters parameters(WardenConfig.Tls tls) {
        Parameters parameters = new Parameters();
        Optional<Files> files = files(tls);
        files.ifPresent(f -> GrpcConfigKeys.TLS.setConf(parameters, new GrpcTlsConfig(f.key(), f.cert(), f.trust(), true)));
        return parameters;
    }

    /** The three files, checked: all or none named, each one readable, so a typo fails the start, not the first peer. */
    static Optional<Files> files(WardenConfig.Tls tls) {
        List<String> missing = new ArrayList<>();
        if (tls.cert().isEmpty()) {
            missing.add("warden.raft.tls.cert");
        }
        if (tls.key().isEmpty()) {
            missing.add("warden.raft.tls.key");
        }
        if (tls.trust().isEmpty()) {
            missing.add("warden.raft.tls.trust");
        }
        if (missing.size() == 3) {
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Raft TLS needs a certificate, a key and a trust file; missing " + missing);
        }
        return Optional.of(new Files(readable("warden.raft.tls.cert", tls.cert().get()),
                readable("warden.raft.tls.key", tls.key().get()), readable("warden.raft.tls.trust", tls.trust().get())));
    }

    private static File readable(String setting, String path) {
        File file = new File(path);
        if (!file.isFile() || !file.canRead()) {
            throw new IllegalArgumentException(setting + " names " + path + ", which is not a readable file");
        }
        return file;
    }

    record Files(File cert, File key, File trust) {
    }
}
