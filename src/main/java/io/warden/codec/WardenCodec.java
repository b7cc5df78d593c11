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

    /** The bytes a batch adds to its proposals: header and count. */
    public static final int PROPOSALS_PREFIX_BYTES = 2 + 4;

    private WardenCodec() {
    }

    /** What a node sends to the leader. */
    public static byte[] encodeProposals(List<Proposal> proposals) {
        BinaryWriter out = new BinaryWriter();
        Format.writeHeader(out, Format.Kind.PROPOSALS);
        ProposalCodec.writeList(out, proposals);
        return out.toByteArray();
    }

    /**
     * One proposal on its own, without a header: the batcher encodes each proposal once, when it is
     * submitted, so a batch's byte bound is exact and nothing is encoded twice.
     */
    public static byte[] encodeProposal(Proposal proposal) {
        BinaryWriter out = new BinaryWriter();
        ProposalCodec.write(out, proposal);
        return out.toByteArray();
    }

    /** Joins proposals made by {@link #encodeProposal} into what {@link #decodeProposals} reads. */
    public static byte[] joinProposals(List<byte[]> encoded) {
        int size = PROPOSALS_PREFIX_BYTES;
        for (byte[] one : encoded) {
            size += one.length;
        }
        BinaryWriter out = new BinaryWriter(size);
        Format.writeHeader(out, Format.Kind.PROPOSALS);
        out.writeCount(encoded.size());
        for (byte[] one : encoded) {
            out.writeRaw(one);
        }
        return out.toByteArray();
    }

    /**
     * The log entry for a batch of encoded proposals, stamped with the leader's time. It checks that the
     * batch decodes (a malformed one throws {@link CodecException} and never reaches the log), then
     * splices the batch's bytes behind the time instead of encoding every proposal again.
     */
    public static byte[] entryOf(long leaderTimeMs, byte[] proposals) {
        decodeProposals(proposals);
        int listBytes = proposals.length - 2;
        BinaryWriter out = new BinaryWriter(2 + 8 + listBytes);
        // The entry keeps the batch's own version (a node of the previous release may have encoded it).
        Format.writeHeader(out, Format.Kind.ENTRY, proposals[1] & 0xff);
        out.writeLong(leaderTimeMs);
        out.writeRaw(proposals, 2, listBytes);
        return out.toByteArray();
    }

    public static List<Proposal> decodeProposals(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = Format.readHeader(in, Format.Kind.PROPOSALS);
        List<Proposal> proposals = ProposalCodec.readList(in, version);
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
        int version = Format.readHeader(in, Format.Kind.ENTRY);
        LogEntry entry = ProposalCodec.readEntry(in, version);
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
        int version = Format.readHeader(reader, Format.Kind.SNAPSHOT);
        SnapshotCodec.read(reader, version, into);
    }
}
