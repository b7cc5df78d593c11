package io.warden.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.warden.domain.member.GroupView;

import java.util.Arrays;
import java.util.List;

/**
 * Drives a {@link WardenState} the way the Raft applier does: one {@link LogEntry} per call, log indexes
 * increasing by one, leader time set explicitly by the test (it may jump or go back, as across leaders),
 * in Raft term 1 unless the test moves on to a later leader with {@link #inTerm}.
 */
final class StateDriver {

    static final long T0 = 1_000_000L;

    final WardenState state = new WardenState();
    final Reads reads = new Reads(state);
    private long index;
    private long timeMs = T0;
    private long term = 1;
    private Applied last;

    /** Starts as the log does: the leader of term 1 takes office and extends (nothing yet). */
    StateDriver() {
        extend();
    }

    /** Leader time of the next entry. */
    long now() {
        return timeMs;
    }

    /** Index of the last applied entry. */
    long index() {
        return index;
    }

    /** Changes of the last applied entry. */
    Changes changes() {
        return last.changes();
    }

    StateDriver at(long leaderTimeMs) {
        timeMs = leaderTimeMs;
        return this;
    }

    StateDriver advance(long ms) {
        timeMs += ms;
        return this;
    }

    /** Raft term of the next entries (the log's, not a command's); starts at 1. */
    StateDriver inTerm(long raftTerm) {
        term = raftTerm;
        return this;
    }

    long term() {
        return term;
    }

    /** The leader of the current term extends, as its duty does on taking office. */
    Result extend() {
        return apply(new Command.ExtendSessions(term));
    }

    /** The leader of the current term expires what its clock says is due now. */
    Result expire() {
        return apply(new Command.ExpireSessions(term, timeMs));
    }

    /** Applies one entry holding all {@code proposals} at the next log index. */
    Applied entry(Proposal... proposals) {
        last = state.apply(new LogEntry(timeMs, Arrays.asList(proposals)), ++index, term);
        assertEquals(proposals.length, last.results().size(), "one result per proposal");
        assertEquals(index, last.logIndex());
        assertEquals(index, state.appliedIndex());
        return last;
    }

    /** Applies one entry holding all {@code commands}, none with an idempotency key. */
    Applied batch(Command... commands) {
        return entry(Arrays.stream(commands).map(Proposal::of).toArray(Proposal[]::new));
    }

    Result apply(Command command) {
        return entry(Proposal.of(command)).results().get(0);
    }

    Result applyKeyed(String key, String fingerprint, Command command) {
        return entry(new Proposal(key, fingerprint, command)).results().get(0);
    }

    // ---- shortcuts for arranging a scene; the rules themselves are asserted in the tests ----

    String session(String id, long ttlMs) {
        return session(id, id + "-name", ttlMs);
    }

    String session(String id, String name, long ttlMs) {
        assertInstanceOf(Result.SessionInfo.class, apply(new Command.CreateSession(id, name, ttlMs)));
        return id;
    }

    long grant(String lock, String sessionId) {
        return assertInstanceOf(Result.Granted.class, apply(new Command.Acquire(lock, sessionId, false))).fence();
    }

    void queue(String lock, String sessionId) {
        assertInstanceOf(Result.Queued.class, apply(new Command.Acquire(lock, sessionId, true)));
    }

    long member(String group, String member, String sessionId) {
        return assertInstanceOf(Result.MemberPut.class,
                apply(new Command.PutMember(group, member, sessionId, null, null))).index();
    }

    GroupView group(String group) {
        return state.membership().view(group);
    }

    List<String> waiters(String lock) {
        return state.locks().view(lock).waiters();
    }
}
