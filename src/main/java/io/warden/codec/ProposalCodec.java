package io.warden.codec;

import io.warden.domain.LogEntry;
import io.warden.domain.Proposal;

import java.util.ArrayList;
import java.util.List;

/** Proposals (idempotency key, fingerprint, principal, command), lists of them, and the log entry that carries them. */
final class ProposalCodec {

    private ProposalCodec() {
    }

    static void write(BinaryWriter out, Proposal proposal) {
        if (proposal == null) {
            throw new CodecException("proposal must not be null");
        }
        out.writeNullableString(proposal.idempotencyKey());
        out.writeNullableString(proposal.fingerprint());
        out.writeNullableString(proposal.principal());
        CommandCodec.write(out, proposal.command());
    }

    /** Before version 4 a proposal had no principal: it was made with access control off. */
    static Proposal read(BinaryReader in, int version) {
        String key = in.readNullableString();
        String fingerprint = in.readNullableString();
        String principal = version >= Format.VERSION_4 ? in.readNullableString() : null;
        return new Proposal(key, fingerprint, principal, CommandCodec.read(in));
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

    static List<Proposal> readList(BinaryReader in, int version) {
        int count = in.readCount("proposal");
        List<Proposal> proposals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            proposals.add(read(in, version));
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

    static LogEntry readEntry(BinaryReader in, int version) {
        long leaderTimeMs = in.readLong();
        return new LogEntry(leaderTimeMs, readList(in, version));
    }
}
