package io.warden.codec;

import io.warden.domain.LogEntry;
import io.warden.domain.Proposal;

import java.util.ArrayList;
import java.util.List;

/** Proposals (idempotency key, fingerprint, command), lists of them, and the log entry that carries them. */
final class ProposalCodec {

    private ProposalCodec() {
    }

    static void write(BinaryWriter out, Proposal proposal) {
        if (proposal == null) {
            throw new CodecException("proposal must not be null");
        }
        out.writeNullableString(proposal.idempotencyKey());
        out.writeNullableString(proposal.fingerprint());
        CommandCodec.write(out, proposal.command());
    }

    static Proposal read(BinaryReader in) {
        return new Proposal(in.readNullableString(), in.readNullableString(), CommandCodec.read(in));
    }

    static void writeList(BinaryWriter out, List<Proposal> proposals) {
        if (proposals == null) {
            throw new CodecException("proposals must not be null");
        }
        out.writeCount(proposals.size());
        for (Proposal proposal : proposals) {
            write(out, proposal);
        }
    }

    static List<Proposal> readList(BinaryReader in) {
        int count = in.readCount("proposal");
        List<Proposal> proposals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            proposals.add(read(in));
        }
        return proposals;
    }

    static void writeEntry(BinaryWriter out, LogEntry entry) {
        if (entry == null) {
            throw new CodecException("log entry must not be null");
        }
        out.writeLong(entry.leaderTimeMs());
        writeList(out, entry.proposals());
    }

    static LogEntry readEntry(BinaryReader in) {
        long leaderTimeMs = in.readLong();
        return new LogEntry(leaderTimeMs, readList(in));
    }
}
