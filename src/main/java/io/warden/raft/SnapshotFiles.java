package io.warden.raft;

import io.warden.codec.WardenCodec;
import io.warden.domain.WardenState;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/** Snapshot files: written whole to a temp file and renamed, checked against their MD5 on load. */
final class SnapshotFiles {

    private SnapshotFiles() {
    }

    /** Writes a snapshot and records it as the storage's latest; answers what it recorded. */
    static SingleFileSnapshotInfo write(byte[] snapshot, TermIndex at, SimpleStateMachineStorage storage)
            throws IOException {
        File target = storage.getSnapshotFile(at.getTerm(), at.getIndex());
        File temp = new File(target.getParentFile(), target.getName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp.toPath())) {
            out.write(snapshot);
        }
        try (var channel = java.nio.channels.FileChannel.open(temp.toPath(), java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
        SingleFileSnapshotInfo written = new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), at);
        storage.updateLatestSnapshot(written);
        return written;
    }

    /** Loads a snapshot into {@code state}; returns its term and index. */
    static TermIndex load(SingleFileSnapshotInfo snapshot, WardenState state) throws IOException {
        File file = snapshot.getFile().getPath().toFile();
        MD5Hash expected = snapshot.getFile().getFileDigest();
        if (expected == null) {
            expected = MD5FileUtil.readStoredMd5ForFile(file);
        }
        if (expected != null) {
            MD5FileUtil.verifySavedMD5(file, expected);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.toPath()))) {
            WardenCodec.readSnapshot(in, state);
        }
        return snapshot.getTermIndex();
    }
}
