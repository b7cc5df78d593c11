package io.warden.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.domain.Command;
import io.warden.domain.LogEntry;
import io.warden.domain.Proposal;
import io.warden.domain.Result;
import io.warden.domain.WardenState;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MalformedInputTest {

    /** One kind of encoding: valid bytes of it and the decoder that must reject damaged ones. */
    record Kind(String name, byte[] valid, Consumer<byte[]> decode) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        List<Proposal> proposals = Samples.commands().stream()
                .map(c -> new Proposal("k-" + c.getClass().getSimpleName(), "fp", c)).collect(Collectors.toList());
        return Stream.of(
                new Kind("proposals", WardenCodec.encodeProposals(proposals), WardenCodec::decodeProposals),
                new Kind("entry", WardenCodec.encodeEntry(new LogEntry(7, proposals)), WardenCodec::decodeEntry),
                new Kind("results", WardenCodec.encodeResults(Samples.results()), WardenCodec::decodeResults),
                new Kind("snapshot", SampleState.snapshot(SampleState.build()),
                        bytes -> SampleState.restore(bytes, new WardenState())));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void unknownVersionIsRejectedByName(Kind kind) {
        byte[] bytes = kind.valid().clone();
        bytes[1] = 99;
        CodecException e = assertThrows(CodecException.class, () -> kind.decode().accept(bytes));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void wrongMagicIsRejected(Kind kind) {
        byte[] bytes = kind.valid().clone();
        bytes[0] = 'X';
        CodecException e = assertThrows(CodecException.class, () -> kind.decode().accept(bytes));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyTruncationIsACodecException(Kind kind) {
        byte[] valid = kind.valid();
        kind.decode().accept(valid);
        for (int length = 0; length < valid.length; length++) {
            byte[] prefix = Arrays.copyOf(valid, length);
            assertThrows(CodecException.class, () -> kind.decode().accept(prefix), "prefix of " + length + " bytes");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void trailingBytesAreRejected(Kind kind) {
        byte[] longer = Arrays.copyOf(kind.valid(), kind.valid().length + 1);
        CodecException e = assertThrows(CodecException.class, () -> kind.decode().accept(longer));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void randomCorruptionDecodesOrThrowsCodecExceptionOnly(Kind kind) {
        Random random = new Random(20240601L + kind.name().hashCode());
        for (int round = 0; round < 2_000; round++) {
            byte[] bytes = kind.valid().clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            try {
                kind.decode().accept(bytes);
            } catch (CodecException expected) {
                // Rejected cleanly; the other outcome, a valid decode, is fine too.
            }
        }
    }

    @Test
    void proposalsAreNotReadAsAnEntryNorResultsAsProposals() {
        byte[] proposals = WardenCodec.encodeProposals(List.of(Proposal.of(new Command.ExpireSessions(1, Long.MAX_VALUE))));
        assertThrows(CodecException.class, () -> WardenCodec.decodeEntry(proposals));
        byte[] results = WardenCodec.encodeResults(List.of(new Result.Released("l")));
        assertThrows(CodecException.class, () -> WardenCodec.decodeProposals(results));
    }

    @Test
    void unknownCommandTagIsRejectedByName() {
        byte[] bytes = WardenCodec.encodeProposals(List.of(Proposal.of(new Command.ExtendSessions(1))));
        // ExtendSessions ends with its tag and its term.
        int tagAt = bytes.length - 1 - Long.BYTES;
        assertEquals(Tags.EXTEND_SESSIONS_IN_TERM, bytes[tagAt]);
        bytes[tagAt] = 77;
        CodecException e = assertThrows(CodecException.class, () -> WardenCodec.decodeProposals(bytes));
        assertTrue(e.getMessage().contains("unknown command tag 77"), e.getMessage());
    }

    @Test
    void unknownResultTagIsRejectedByName() {
        byte[] bytes = WardenCodec.encodeResults(List.of(new Result.Released("l")));
        int tagAt = 2 + Integer.BYTES; // after magic, version and the count
        assertEquals(Tags.RELEASED, bytes[tagAt]);
        bytes[tagAt] = -5;
        CodecException e = assertThrows(CodecException.class, () -> WardenCodec.decodeResults(bytes));
        assertTrue(e.getMessage().contains("unknown result tag -5"), e.getMessage());
    }

    @Test
    void emptyAndNullInputAreRejected() {
        assertThrows(CodecException.class, () -> WardenCodec.decodeProposals(new byte[0]));
        assertThrows(CodecException.class, () -> WardenCodec.decodeResults(null));
        assertThrows(CodecException.class, () -> WardenCodec.decodeEntry(new byte[] {'E'}));
    }

    @Test
    void malformedPrimitivesAreRejected() {
        // Hand-built proposals: magic, version, count 1, key, fingerprint and principal null, then the command.
        assertThrows(CodecException.class, () -> decodeOne(w -> {
            w.writeByte(Tags.ACQUIRE);
            w.writeString("l", "lock");
            w.writeString("s", "session");
            w.writeByte(2); // a boolean must be 0 or 1
        }));
        assertThrows(CodecException.class, () -> decodeOne(w -> {
            w.writeByte(Tags.RELEASE);
            w.writeString("l", "lock");
            w.writeString("s", "session");
            w.writeByte(7); // a presence byte must be 0 or 1
        }));
        CodecException nullLock = assertThrows(CodecException.class, () -> decodeOne(w -> {
            w.writeByte(Tags.KEEP_ALIVE);
            w.writeNullableString(null); // a required field
        }));
        assertTrue(nullLock.getMessage().contains("KeepAlive.sessionId"), nullLock.getMessage());
        assertThrows(CodecException.class, () -> decodeOne(w -> {
            w.writeByte(Tags.KEEP_ALIVE);
            w.writeInt(-2); // only -1 means null
        }));
        CodecException utf8 = assertThrows(CodecException.class, () -> decodeOne(w -> {
            w.writeByte(Tags.KEEP_ALIVE);
            w.writeInt(2);
            w.writeByte(0xC3); // a lead byte followed by a non-continuation byte
            w.writeByte('A');
        }));
        assertTrue(utf8.getMessage().contains("UTF-8"), utf8.getMessage());
    }

    @Test
    void impossibleCountsAreRejectedWithoutAllocating() {
        for (int count : new int[] {-1, Integer.MAX_VALUE, 1_000_000}) {
            byte[] bytes = ByteBuffer.allocate(6).put((byte) 'R').put((byte) Format.CURRENT_VERSION).putInt(count).array();
            assertThrows(CodecException.class, () -> WardenCodec.decodeResults(bytes), "count " + count);
        }
    }

    @Test
    void nullRequiredFieldIsRefusedAtEncode() {
        CodecException e = assertThrows(CodecException.class,
                () -> WardenCodec.encodeProposals(List.of(Proposal.of(new Command.Acquire(null, "s", false)))));
        assertTrue(e.getMessage().contains("Acquire.lock"), e.getMessage());
        assertThrows(CodecException.class, () -> WardenCodec.encodeResults(List.of(new Result.Released(null))));
        assertThrows(CodecException.class, () -> WardenCodec.encodeProposals(List.of(new Proposal("k", "f", null))));
    }

    @Test
    void corruptSnapshotLeavesTheTargetUntouched() throws Exception {
        WardenState target = SampleState.build();
        byte[] before = SampleState.snapshot(target);
        byte[] truncated = Arrays.copyOf(before, before.length - 3);
        assertThrows(CodecException.class,
                () -> WardenCodec.readSnapshot(new ByteArrayInputStream(truncated), target));
        assertArrayEquals(before, SampleState.snapshot(target));
    }

    private static void decodeOne(Consumer<BinaryWriter> command) {
        BinaryWriter w = new BinaryWriter();
        Format.writeHeader(w, Format.Kind.PROPOSALS);
        w.writeCount(1);
        w.writeNullableString(null);
        w.writeNullableString(null);
        w.writeNullableString(null);
        command.accept(w);
        WardenCodec.decodeProposals(w.toByteArray());
    }
}
