package io.warden.codec;

import io.warden.domain.Command;
import io.warden.domain.Proposal;
import io.warden.domain.member.Member;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Commands as logs written before terms and wait ends were carried hold them (tags 4 to 7 without those
 * fields) or members before weights (tag 10) still decode, to the values whose rules keep the old behaviour: an unchecked expiry or
 * extension, a wait that only CancelWait or its session ends.
 */
class LegacyCommandsTest {

    @Test
    void anExpiryWithoutATermIsUnchecked() {
        assertEquals(new Command.ExpireSessions(Command.LEGACY_TERM, Long.MAX_VALUE),
                decodeOne(w -> w.writeByte(Tags.EXPIRE_SESSIONS)));
    }

    @Test
    void anExtensionWithoutATermIsUnchecked() {
        assertEquals(new Command.ExtendSessions(Command.LEGACY_TERM), decodeOne(w -> w.writeByte(Tags.EXTEND_SESSIONS)));
    }

    @Test
    void anAcquireWithoutAWaitHasNoReplicatedEnd() {
        Command read = decodeOne(w -> {
            w.writeByte(Tags.ACQUIRE);
            w.writeString("L", "lock");
            w.writeString("s", "session");
            w.writeBoolean(true);
        });
        assertEquals(new Command.Acquire("L", "s", true, Command.UNBOUNDED_WAIT), read);
    }

    @Test
    void aOneShotAcquireWithoutAWaitHasNoReplicatedEnd() {
        Command read = decodeOne(w -> {
            w.writeByte(Tags.ACQUIRE_ONE_SHOT);
            w.writeString("L", "lock");
            w.writeString("o", "session");
            w.writeLong(5_000);
            w.writeBoolean(true);
        });
        assertEquals(new Command.AcquireOneShot("L", "o", 5_000, true, Command.UNBOUNDED_WAIT), read);
    }

    @Test
    void aMemberWithoutAWeightHasTheDefaultOne() {
        Command read = decodeOne(w -> {
            w.writeByte(Tags.PUT_MEMBER);
            w.writeString("g", "group");
            w.writeString("m", "member");
            w.writeString("s", "session");
            w.writeNullableString("10.0.0.1:80");
            w.writeNullableString(null);
        });
        assertEquals(new Command.PutMember("g", "m", "s", "10.0.0.1:80", null, Member.DEFAULT_WEIGHT), read);
    }

    /** Hand-built proposals of format version 1: magic, version, count 1, key null, fingerprint null, command. */
    private static Command decodeOne(Consumer<BinaryWriter> command) {
        BinaryWriter w = new BinaryWriter();
        w.writeByte('P');
        w.writeByte(Format.VERSION_1);
        w.writeCount(1);
        w.writeNullableString(null);
        w.writeNullableString(null);
        command.accept(w);
        Proposal proposal = WardenCodec.decodeProposals(w.toByteArray()).get(0);
        return proposal.command();
    }
}
