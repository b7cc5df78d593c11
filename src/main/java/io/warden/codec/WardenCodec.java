package io.warden.codec;

import io.warden.domain.LogEntry;
import io.warden.domain.Proposal;
import io.warden.domain.Result;
import io.warden.domain.WardenState;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Warden's versioned binary format. Every encoding starts with a kind byte and a format version;
 * malformed bytes, an unknown version or an unknown tag throw {@link CodecException}.
 */
public final class WardenCodec {

    private WardenCodec() {
    }

    /** What a node sends to the leader. */
    public static byte[] encodeProposals(List<Proposal> proposals) {
        BinaryWriter out = new BinaryWriter();
        Format.writeHeader(out, Format.Kind.PROPOSALS);
        ProposalCodec.writeList(out, proposals);
        return out.toByteArray();
    }

    public static List<Proposal> decodeProposals(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        Format.readHeader(in, Format.Kind.PROPOSALS);
        List<Proposal> proposals = ProposalCodec.readList(in);
        in.expectEnd("proposals");
        return proposals;
    }

    /** What a Raft log entry holds. */
    public static byte[] encodeEntry(LogEntry entry) {
        BinaryWriter out = new BinaryWriter();
        Format.writeHeader(out, Format.Kind.ENTRY);
        ProposalCodec.writeEntry(out, entry);
        return out.toByteArray();
    }

    public static LogEntry decodeEntry(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        Format.readHeader(in, Format.Kind.ENTRY);
        LogEntry entry = ProposalCodec.readEntry(in);
        in.expectEnd("log entry");
        return entry;
    }

    /** The reply to a proposal batch: one result per proposal, in order. */
    public static byte[] encodeResults(List<Result> results) {
        BinaryWriter out = new BinaryWriter();
        Format.writeHeader(out, Format.Kind.RESULTS);
        ResultCodec.writeList(out, results);
        return out.toByteArray();
    }

    public static List<Result> decodeResults(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        Format.readHeader(in, Format.Kind.RESULTS);
        List<Result> results = ResultCodec.readList(in);
        in.expectEnd("results");
        return results;
    }

    /** Writes the whole state; the stream is neither flushed nor closed, its owner does that. */
    public static void writeSnapshot(WardenState state, OutputStream out) throws IOException {
        BinaryWriter writer = new BinaryWriter(64 * 1024);
        Format.writeHeader(writer, Format.Kind.SNAPSHOT);
        SnapshotCodec.write(writer, state);
        out.write(writer.toByteArray());
    }

    /**
     * Reads the stream to its end, decodes it whole, then calls {@code into.reset(appliedIndex)} and
     * restores; a corrupt snapshot throws {@link CodecException} before {@code into} is touched.
     */
    public static void readSnapshot(InputStream in, WardenState into) throws IOException {
        BinaryReader reader = new BinaryReader(in.readAllBytes());
        Format.readHeader(reader, Format.Kind.SNAPSHOT);
        SnapshotCodec.read(reader, into);
    }
}
