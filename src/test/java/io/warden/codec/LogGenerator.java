package io.warden.codec;

import io.warden.domain.Command.CreateToken;
import io.warden.domain.Command.DeleteToken;
import io.warden.domain.acl.AclRule;
import io.warden.domain.acl.AclTable;

import io.warden.domain.Command;
import io.warden.domain.Command.Acquire;
import io.warden.domain.Command.AcquireOneShot;
import io.warden.domain.Command.CancelWait;
import io.warden.domain.Command.CreateSession;
import io.warden.domain.Command.DeleteMember;
import io.warden.domain.Command.DeleteSession;
import io.warden.domain.Command.ExpireSessions;
import io.warden.domain.Command.ExtendSessions;
import io.warden.domain.Command.KeepAlive;
import io.warden.domain.Command.PutMember;
import io.warden.domain.Command.Release;
import io.warden.domain.LogEntry;
import io.warden.domain.Proposal;
import io.warden.domain.WardenState;
import io.warden.domain.lock.LockView;
import io.warden.domain.session.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds a realistic log from a seeded {@link Random}: a private state applies each entry as it is made,
 * so releases can present the right or a wrong fence, cancels name real waiters, and so on.
 */
final class LogGenerator {

    static final long T0 = 1_000_000L;

    private static final String[] LOCKS = {"jobs/a", "jobs/b", "jobs/c", "leader", "cron/nightly"};
    private static final String[] GROUPS = {"web", "db", "cache"};
    private static final String[] ELECTIONS = {"primary", "scheduler"};
    private static final int MEMBER_IDS = 4;
    /** Principals proposals carry: none (access control off), the bootstrap admin, tokens that come and go. */
    private static final String[] PRINCIPALS = {AclTable.BOOTSTRAP, "t-a", "t-b", "t-c", "t-never-made"};
    private static final String[] TOKENS = {"t-a", "t-b", "t-c"};

    private final Random random;
    private final Random aclRandom;
    private final WardenState model = new WardenState();
    private final List<String> everCreated = new ArrayList<>();
    private final List<Proposal> keyed = new ArrayList<>();
    private long timeMs = T0;
    private long index;
    private int sessionCounter;
    private int keyCounter;
    private boolean sawEmptyGroupWithIndex;

    LogGenerator(long seed) {
        random = new Random(seed);
        aclRandom = new Random(seed + 1);
    }

    List<LogEntry> generate(int entries) {
        List<LogEntry> log = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            LogEntry entry = nextEntry(i, entries);
            model.apply(entry, ++index, 1);
            sawEmptyGroupWithIndex |= model.membership().list().stream()
                    .anyMatch(g -> g.members().isEmpty() && g.index() > 0);
            log.add(entry);
        }
        return log;
    }

    /** Whether some group was ever left with no members but a modify index, which snapshots must keep. */
    boolean sawEmptyGroupWithIndex() {
        return sawEmptyGroupWithIndex;
    }

    private LogEntry nextEntry(int i, int total) {
        if (i < TOKENS.length) {
            // The tokens exist from the start (later entries delete and re-create them now and then).
            return new LogEntry(timeMs, List.of(new Proposal(null, null, AclTable.BOOTSTRAP, token(TOKENS[i], false))));
        }
        if (i == total / 3) {
            // A leader change after a long outage: past idempotency retention, then the new leader's extension.
            timeMs += WardenState.IDEMPOTENCY_RETENTION_MS + 60_000;
            return single(new ExtendSessions(1));
        }
        if (i == 2 * total / 3) {
            // A leader change to a node whose clock is a little behind: leader time goes back.
            timeMs -= 700;
            return single(new ExtendSessions(1));
        }
        if (i % 7 == 3) {
            return aclEntry();
        }
        timeMs += random.nextInt(1_500);
        if (i % 10 == 9) {
            return single(new ExpireSessions(1, Long.MAX_VALUE));
        }
        int size = random.nextInt(10) < 6 ? 1 : 2 + random.nextInt(4);
        List<Proposal> batch = new ArrayList<>(size);
        for (int p = 0; p < size; p++) {
            batch.add(nextProposal());
        }
        return new LogEntry(timeMs, batch);
    }

    private LogEntry single(Command command) {
        return new LogEntry(timeMs, List.of(Proposal.of(command)));
    }

    private Proposal nextProposal() {
        int roll = random.nextInt(100);
        if (roll < 6 && !keyed.isEmpty()) {
            // A client retry: the same key, fingerprint and command again.
            return keyed.get(random.nextInt(keyed.size()));
        }
        if (roll < 9 && !keyed.isEmpty()) {
            // A different request reusing an earlier key.
            Proposal earlier = keyed.get(random.nextInt(keyed.size()));
            return new Proposal(earlier.idempotencyKey(), "other-" + random.nextInt(1_000), nextCommand());
        }
        Command command = nextCommand();
        if (random.nextInt(4) == 0) {
            String fingerprint = random.nextInt(5) == 0 ? null : "fp:" + command;
            Proposal proposal = new Proposal("key-" + keyCounter++, fingerprint, command);
            keyed.add(proposal);
            return proposal;
        }
        return Proposal.of(command);
    }

    /**
     * An entry of access-controlled traffic, drawn from a random source of its own so the rest of the log
     * stays as it was: tokens made and deleted, and tokens acting with their own and others' sessions.
     */
    private LogEntry aclEntry() {
        String principal = pick(aclRandom, PRINCIPALS);
        List<Session> live = new ArrayList<>(model.sessions().all());
        int roll = aclRandom.nextInt(10);
        Command command;
        if (roll < 3 || live.isEmpty()) {
            command = token();
        } else if (roll < 5) {
            command = new CreateSession("a-" + sessionCounter++, aclRandom.nextBoolean() ? "jobs" : null, 5_000);
        } else if (roll < 7) {
            command = new KeepAlive(live.get(aclRandom.nextInt(live.size())).id());
        } else {
            command = new Acquire(LOCKS[aclRandom.nextInt(LOCKS.length)], live.get(aclRandom.nextInt(live.size())).id(), false);
        }
        return new LogEntry(timeMs, List.of(new Proposal(null, null, principal, command)));
    }

    /** Tokens made (some admin, some with narrow rules) and deleted, so every ownership rule of apply runs. */
    private Command token() {
        String id = pick(aclRandom, TOKENS);
        return aclRandom.nextInt(3) == 0 ? new DeleteToken(id) : token(id, aclRandom.nextInt(5) == 0);
    }

    private Command token(String id, boolean admin) {
        List<AclRule> rules = aclRandom.nextBoolean()
                ? List.of(new AclRule(AclRule.Kind.LOCK, "jobs/", AclRule.Access.WRITE),
                        new AclRule(AclRule.Kind.SESSION, "", AclRule.Access.WRITE))
                : List.of(new AclRule(AclRule.Kind.LOCK, "", AclRule.Access.WRITE), new AclRule(AclRule.Kind.GROUP, "", AclRule.Access.WRITE),
                        new AclRule(AclRule.Kind.ELECTION, "", AclRule.Access.WRITE), new AclRule(AclRule.Kind.SESSION, "", AclRule.Access.WRITE));
        return new CreateToken(id, "token " + id, "hash-of-" + id, rules, admin);
    }

    private Command nextCommand() {
        List<Session> live = new ArrayList<>(model.sessions().all());
        int roll = random.nextInt(100);
        if (roll < 10 || live.isEmpty()) {
            return createSession();
        }
        if (roll < 18) {
            return new KeepAlive(anySession(live));
        }
        if (roll < 21) {
            return new DeleteSession(anySession(live));
        }
        if (roll < 24) {
            return new ExpireSessions(1, Long.MAX_VALUE);
        }
        if (roll < 25) {
            return new ExtendSessions(1);
        }
        if (roll < 45) {
            return new Acquire(anyLock(), pick(live).id(), random.nextBoolean());
        }
        if (roll < 52) {
            return new AcquireOneShot(anyLock(), "o-" + sessionCounter++, 500 + random.nextInt(4_000),
                    random.nextBoolean());
        }
        if (roll < 58) {
            return cancelWait(live);
        }
        if (roll < 72) {
            return release(live);
        }
        if (roll < 84) {
            return putMember(live);
        }
        if (roll < 87) {
            return new DeleteMember(pick(GROUPS), anyMember());
        }
        if (roll < 99) {
            return election(live);
        }
        return new KeepAlive(pick(live).id());
    }

    /** Campaigns (waiting or not), withdrawals, and proclaims and resignations with right and wrong terms. */
    private Command election(List<Session> live) {
        String election = pick(ELECTIONS);
        var view = model.elections().view(election);
        String session = view.leader() != null && random.nextInt(3) > 0 ? view.leader() : pick(live).id();
        long term = view.term() == null ? random.nextInt(50) : view.term() + (random.nextInt(4) == 0 ? 1 : 0);
        int roll = random.nextInt(20);
        if (roll < 8) {
            // Mostly waits: with a leader in office they queue (Campaigning); without one they win at once.
            return new Command.Campaign(election, pick(live).id(), "10.0.0." + random.nextInt(255) + ":9000",
                    random.nextInt(4) == 0 ? 0 : 1_000 + random.nextInt(10_000));
        }
        if (roll < 11) {
            return new Command.WithdrawCandidacy(election, pick(live).id());
        }
        if (roll < 16) {
            return new Command.Proclaim(election, session, term, "v" + random.nextInt(100));
        }
        return new Command.Resign(election, session, random.nextInt(5) == 0 ? null : term);
    }

    private Command createSession() {
        String id = "s-" + sessionCounter++;
        everCreated.add(id);
        String name = random.nextInt(4) == 0 ? null : "worker-" + id;
        return new CreateSession(id, name, 2_000 + random.nextInt(10_000));
    }

    /** Mostly a live session, sometimes one that may have ended or never existed. */
    private String anySession(List<Session> live) {
        int roll = random.nextInt(20);
        if (roll == 0) {
            return "s-never";
        }
        if (roll < 4 && !everCreated.isEmpty()) {
            return pick(everCreated);
        }
        return pick(live).id();
    }

    private Command cancelWait(List<Session> live) {
        List<String[]> waiters = new ArrayList<>();
        List<String[]> holders = new ArrayList<>();
        for (LockView lock : model.locks().list(null)) {
            for (String waiter : lock.waiters()) {
                waiters.add(new String[] {lock.name(), waiter});
            }
            if (lock.holder() != null) {
                holders.add(new String[] {lock.name(), lock.holder()});
            }
        }
        int roll = random.nextInt(10);
        if (roll < 7 && !waiters.isEmpty()) {
            String[] w = pick(waiters);
            return new CancelWait(w[0], w[1]);
        }
        if (roll < 9 && !holders.isEmpty()) {
            // The grant won the race against the wait's timeout.
            String[] h = pick(holders);
            return new CancelWait(h[0], h[1]);
        }
        return new CancelWait(anyLock(), anySession(live));
    }

    private Command release(List<Session> live) {
        List<LockView> held = new ArrayList<>();
        for (LockView lock : model.locks().list(null)) {
            if (lock.holder() != null) {
                held.add(lock);
            }
        }
        if (held.isEmpty() || random.nextInt(7) == 0) {
            Long fence = random.nextBoolean() ? null : (long) random.nextInt(50);
            return new Release(anyLock(), anySession(live), fence);
        }
        LockView lock = pick(held);
        int roll = random.nextInt(10);
        Long fence;
        if (roll < 5) {
            fence = lock.fence();
        } else if (roll < 7) {
            fence = lock.fence() + (random.nextBoolean() ? 1 + random.nextInt(3) : -1);
        } else {
            fence = null;
        }
        return new Release(lock.name(), lock.holder(), fence);
    }

    private Command putMember(List<Session> live) {
        String address = random.nextBoolean() ? null : "10.0.0." + random.nextInt(255) + ":" + (8000 + random.nextInt(10));
        String metadata = random.nextBoolean() ? null : "{\"v\":" + random.nextInt(100) + "}";
        return new PutMember(pick(GROUPS), anyMember(), pick(live).id(), address, metadata, 1 + random.nextInt(100));
    }

    private String anyLock() {
        return pick(LOCKS);
    }

    private String anyMember() {
        return "m-" + random.nextInt(MEMBER_IDS);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pick(String[] values) {
        return pick(random, values);
    }

    private static String pick(Random from, String[] values) {
        return values[from.nextInt(values.length)];
    }
}
