package io.warden.codec;

import io.warden.domain.Command;
import io.warden.domain.LogEntry;
import io.warden.domain.Proposal;
import io.warden.domain.WardenState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** A small state holding one of everything a snapshot stores, built through apply as a node would. */
final class SampleState {

    private final WardenState state = new WardenState();
    private long index;
    private long timeMs = 1_000_000;

    private SampleState() {
    }

    static WardenState build() {
        SampleState s = new SampleState();
        s.apply(cmd(new Command.CreateSession("s-a", "alpha", 10_000)),
                cmd(new Command.CreateSession("s-b", null, 20_000)),
                cmd(new Command.CreateSession("s-c", "gamma", 5_000)));
        // A leader change: the sessions are marked extended; s-a's keepalive below clears its mark.
        s.apply(cmd(new Command.ExtendSessions(1)));
        s.apply(cmd(new Command.Acquire("l1", "s-a", false)));
        s.apply(cmd(new Command.Acquire("l1", "s-b", true)), cmd(new Command.Acquire("l1", "s-c", true, 40_000)));
        s.apply(cmd(new Command.Acquire("l2", "s-b", false)));
        s.apply(cmd(new Command.AcquireOneShot("l3", "o-1", 3_000, false)));
        s.apply(cmd(new Command.PutMember("g1", "m1", "s-a", "10.0.0.1:80", "{\"v\":1}")),
                cmd(new Command.PutMember("g1", "m2", "s-b", null, null, 5)),
                cmd(new Command.PutMember("g2", "m1", "s-c", null, "{}")));
        s.apply(cmd(new Command.DeleteMember("g2", "m1")));
        s.timeMs += 250;
        s.apply(new Proposal("k-1", "fp-1", new Command.Acquire("l4", "s-c", false)),
                new Proposal("k-2", null, new Command.KeepAlive("s-a")),
                new Proposal("k-3", "fp-3", new Command.Acquire("l1", "s-c", false)));
        s.apply(cmd(new Command.Release("l4", "s-c", 4L)));
        // An election with a leader and a waiting candidate, and one whose leader resigned.
        s.apply(cmd(new Command.Campaign("e1", "s-a", "10.0.0.1:9000", 0)),
                cmd(new Command.Campaign("e1", "s-b", "10.0.0.2:9000", 30_000)),
                cmd(new Command.Campaign("e2", "s-c", null, 0)));
        s.apply(cmd(new Command.Resign("e2", "s-c", null)));
        return s.state;
    }

    static byte[] snapshot(WardenState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            WardenCodec.writeSnapshot(state, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void restore(byte[] snapshot, WardenState into) {
        try {
            WardenCodec.readSnapshot(new ByteArrayInputStream(snapshot), into);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void apply(Proposal... proposals) {
        state.apply(new LogEntry(timeMs, Arrays.asList(proposals)), ++index, 1);
        timeMs += 100;
    }

    private static Proposal cmd(Command command) {
        return Proposal.of(command);
    }
}
