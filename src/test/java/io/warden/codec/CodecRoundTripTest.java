package io.warden.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.warden.domain.Command;
import io.warden.domain.LogEntry;
import io.warden.domain.Proposal;
import io.warden.domain.Result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CodecRoundTripTest {

    static Stream<Command> commands() {
        return Samples.commands().stream();
    }

    static Stream<Result> results() {
        return Samples.results().stream();
    }

    @Test
    void samplesCoverEveryCommandAndResultType() {
        // A new record in either sealed interface must get a tag and a sample, or this fails.
        assertEquals(permitted(Command.class), Samples.commands().stream().map(Object::getClass).collect(Collectors.toSet()));
        assertEquals(permitted(Result.class), Samples.results().stream().map(Object::getClass).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void commandRoundTripsInEveryProposalShape(Command command) {
        List<Proposal> proposals = List.of(
                Proposal.of(command),
                new Proposal("key-1", null, command),
                new Proposal(null, "fp-only", command),
                new Proposal("key-2", "sha256:" + Samples.UNICODE, command));
        for (Proposal proposal : proposals) {
            assertEquals(List.of(proposal), WardenCodec.decodeProposals(WardenCodec.encodeProposals(List.of(proposal))));
        }
        assertEquals(proposals, WardenCodec.decodeProposals(WardenCodec.encodeProposals(proposals)));
    }

    @ParameterizedTest
    @MethodSource("results")
    void resultRoundTrips(Result result) {
        assertEquals(List.of(result), WardenCodec.decodeResults(WardenCodec.encodeResults(List.of(result))));
    }

    @Test
    void allResultsRoundTripInOneBatchInOrder() {
        List<Result> all = Samples.results();
        assertEquals(all, WardenCodec.decodeResults(WardenCodec.encodeResults(all)));
        assertEquals(List.of(), WardenCodec.decodeResults(WardenCodec.encodeResults(List.of())));
    }

    @Test
    void logEntryRoundTripsWithEveryCommandInOneBatch() {
        List<Proposal> batch = new ArrayList<>();
        int i = 0;
        for (Command command : Samples.commands()) {
            batch.add(i % 3 == 0 ? Proposal.of(command) : new Proposal("k-" + i, i % 2 == 0 ? null : "fp-" + i, command));
            i++;
        }
        for (long time : new long[] {0, 1_700_000_000_000L, -1, Long.MAX_VALUE}) {
            LogEntry entry = new LogEntry(time, batch);
            assertEquals(entry, WardenCodec.decodeEntry(WardenCodec.encodeEntry(entry)));
        }
        LogEntry empty = new LogEntry(5, List.of());
        assertEquals(empty, WardenCodec.decodeEntry(WardenCodec.encodeEntry(empty)));
    }

    @Test
    // The batcher encodes each proposal once and joins them; the leader splices the batch into the entry.
    void joinedAndSplicedEncodingsEqualTheWholeEncodings() {
        List<Proposal> batch = new ArrayList<>();
        List<byte[]> encoded = new ArrayList<>();
        int i = 0;
        for (Command command : Samples.commands()) {
            Proposal p = i % 2 == 0 ? Proposal.of(command) : new Proposal("k-" + i, "fp-" + i, command);
            batch.add(p);
            encoded.add(WardenCodec.encodeProposal(p));
            i++;
        }
        byte[] joined = WardenCodec.joinProposals(encoded);
        assertArrayEquals(WardenCodec.encodeProposals(batch), joined);
        assertArrayEquals(WardenCodec.encodeEntry(new LogEntry(1_700_000_000_123L, batch)),
                WardenCodec.entryOf(1_700_000_000_123L, joined));
        assertArrayEquals(WardenCodec.encodeProposals(List.of()), WardenCodec.joinProposals(List.of()));
    }

    @Test
    void aMalformedBatchIsRefusedBeforeItBecomesAnEntry() {
        byte[] joined = WardenCodec.joinProposals(List.of(WardenCodec.encodeProposal(Proposal.of(Samples.commands().get(0)))));
        byte[] truncated = Arrays.copyOf(joined, joined.length - 1);
        assertThrows(CodecException.class, () -> WardenCodec.entryOf(1, truncated));
        assertThrows(CodecException.class, () -> WardenCodec.entryOf(1, new byte[0]));
    }

    @Test
    void encodingIsDeterministicAndVersioned() {
        List<Proposal> proposals = List.of(Proposal.of(new Command.Acquire("l", "s", true)));
        byte[] first = WardenCodec.encodeProposals(proposals);
        assertArrayEquals(first, WardenCodec.encodeProposals(proposals));
        assertEquals('P', first[0]);
        assertEquals(Format.CURRENT_VERSION, first[1]);
        assertEquals('E', WardenCodec.encodeEntry(new LogEntry(1, proposals))[0]);
        assertEquals('R', WardenCodec.encodeResults(List.of())[0]);
    }

    private static Set<Class<?>> permitted(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).collect(Collectors.toSet());
    }
}
