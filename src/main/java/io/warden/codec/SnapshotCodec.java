package io.warden.codec;

import io.warden.domain.WardenState;
import io.warden.domain.election.Elections;
import io.warden.domain.idempotency.IdempotencyTable;
import io.warden.domain.lock.LockTable;
import io.warden.domain.lock.LockView;
import io.warden.domain.member.GroupView;
import io.warden.domain.member.Member;
import io.warden.domain.member.Membership;
import io.warden.domain.session.Session;
import io.warden.domain.session.SessionTable;

import io.warden.domain.acl.AclTable;
import io.warden.domain.acl.AclToken;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole replicated state, in the tables' own deterministic order (sessions by id, locks and groups
 * by name, idempotency entries by insertion), so equal states give equal bytes. Derived indexes are
 * not stored; the tables' restore methods rebuild them.
 */
final class SnapshotCodec {

    /** A decoded snapshot, held apart from the state so a corrupt one changes nothing. */
    private record Snapshot(long appliedIndex, long lastFence, long extendedTerm, List<Session> sessions,
                            List<StoredLock> locks, List<GroupView> groups, List<IdempotencyTable.Entry> idempotency,
                            List<StoredElection> elections, long electionsChangedAt, List<AclToken> tokens,
                            Map<String, String> sessionOwners) {}

    /** An election as stored: its queue (leader and candidates) as a lock, its index, each candidacy's value. */
    private record StoredElection(StoredLock queue, long index, Map<String, String> values) {}

    /** A lock as stored: its view and its waiters' deadlines, in queue order. */
    private record StoredLock(LockView view, List<Long> waitDeadlines) {}

    private SnapshotCodec() {
    }

    static void write(BinaryWriter out, WardenState state) {
        out.writeLong(state.appliedIndex());
        out.writeLong(state.locks().lastFence());
        out.writeLong(state.terms().extendedTerm());
        writeSessions(out, state.sessions());
        writeLocks(out, state.locks());
        writeGroups(out, state.membership());
        writeIdempotency(out, state.idempotency());
        writeElections(out, state.elections());
        writeAcl(out, state.acl());
    }

    /** Decodes everything first, then resets {@code into} and restores it. */
    static void read(BinaryReader in, int version, WardenState into) {
        Snapshot snapshot = decode(in, version);
        in.expectEnd("snapshot");
        into.reset(snapshot.appliedIndex());
        into.terms().restore(snapshot.extendedTerm());
        for (Session session : snapshot.sessions()) {
            into.sessions().put(session);
        }
        LockTable locks = into.locks();
        for (StoredLock stored : snapshot.locks()) {
            LockView lock = stored.view();
            locks.restore(lock.name(), lock.holder(), lock.fence() == null ? 0 : lock.fence(), lock.waiters(),
                    stored.waitDeadlines());
        }
        Elections elections = into.elections();
        for (StoredElection stored : snapshot.elections()) {
            LockView queue = stored.queue().view();
            elections.table().restore(queue.name(), queue.holder(), queue.fence() == null ? 0 : queue.fence(),
                    queue.waiters(), stored.queue().waitDeadlines());
            elections.restore(queue.name(), stored.index(), stored.values());
        }
        elections.restoreLastChange(snapshot.electionsChangedAt());
        // After both tables: they share the counter, and restoring a table sets no fences.
        locks.restoreLastFence(snapshot.lastFence());
        for (GroupView group : snapshot.groups()) {
            into.membership().restore(group.group(), group.index(), group.members());
        }
        for (IdempotencyTable.Entry entry : snapshot.idempotency()) {
            into.idempotency().record(entry.key(), entry.fingerprint(), entry.recordedAtMs(), entry.result());
        }
        snapshot.tokens().forEach(into.acl()::put);
        snapshot.sessionOwners().forEach(into.acl()::own);
    }

    private static Snapshot decode(BinaryReader in, int version) {
        long appliedIndex = in.readLong();
        long lastFence = in.readLong();
        // Before version 2 no term was recorded; 0 lets the next leader's extension set it.
        long extendedTerm = version >= Format.VERSION_2 ? in.readLong() : 0;
        // Java evaluates arguments left to right: the order of the fields in the stream.
        return new Snapshot(appliedIndex, lastFence, extendedTerm, readSessions(in, version), readLocks(in, version),
                readGroups(in, version), readIdempotency(in), readElections(in, version),
                version >= Format.VERSION_3 ? in.readLong() : 0,
                version >= Format.VERSION_4 ? readTokens(in) : List.of(),
                version >= Format.VERSION_4 ? readSessionOwners(in) : Map.of());
    }

    /** Tokens in id order (secrets only as their hashes), then session owners by session id. */
    private static void writeAcl(BinaryWriter out, AclTable acl) {
        out.writeCount(acl.size());
        for (AclToken t : acl.tokens()) {
            AclCodec.writeToken(out, t);
        }
        Map<String, String> owners = new TreeMap<>(acl.sessionOwners());
        out.writeCount(owners.size());
        owners.forEach((session, principal) -> {
            out.writeString(session, "owner.session");
            out.writeString(principal, "owner.principal");
        });
    }

    private static List<AclToken> readTokens(BinaryReader in) {
        int count = in.readCount("token");
        List<AclToken> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add(AclCodec.readToken(in));
        }
        return tokens;
    }

    private static Map<String, String> readSessionOwners(BinaryReader in) {
        int count = in.readCount("session owner");
        Map<String, String> owners = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            owners.put(in.readString("owner.session"), in.readString("owner.principal"));
        }
        return owners;
    }

    private static void writeSessions(BinaryWriter out, SessionTable sessions) {
        out.writeCount(sessions.size());
        for (Session s : sessions.all()) {
            out.writeString(s.id(), "Session.id");
            out.writeNullableString(s.name());
            out.writeLong(s.ttlMs());
            out.writeLong(s.deadlineMs());
            out.writeBoolean(s.oneShot());
            out.writeBoolean(s.extendedByLeader());
        }
    }

    private static List<Session> readSessions(BinaryReader in, int version) {
        int count = in.readCount("session");
        List<Session> sessions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sessions.add(new Session(in.readString("Session.id"), in.readNullableString(), in.readLong(),
                    in.readLong(), in.readBoolean(), version >= Format.VERSION_2 && in.readBoolean()));
        }
        return sessions;
    }

    private static void writeElections(BinaryWriter out, Elections elections) {
        writeLocks(out, elections.table());
        // Then, in the same order, each election's index and the values of its leader and candidates.
        for (LockView queue : elections.table().list(null)) {
            out.writeLong(elections.indexOf(queue.name()));
            for (String session : candidacies(queue)) {
                out.writeNullableString(elections.valueOf(queue.name(), session));
            }
        }
        out.writeLong(elections.lastChange());
    }

    /** Before version 3 there were no elections. */
    private static List<StoredElection> readElections(BinaryReader in, int version) {
        if (version < Format.VERSION_3) {
            return List.of();
        }
        List<StoredElection> elections = new ArrayList<>();
        for (StoredLock queue : readLocks(in, version)) {
            long index = in.readLong();
            Map<String, String> values = new LinkedHashMap<>();
            for (String session : candidacies(queue.view())) {
                values.put(session, in.readNullableString());
            }
            elections.add(new StoredElection(queue, index, values));
        }
        return elections;
    }

    private static List<String> candidacies(LockView queue) {
        List<String> sessions = new ArrayList<>();
        if (queue.holder() != null) {
            sessions.add(queue.holder());
        }
        sessions.addAll(queue.waiters());
        return sessions;
    }

    private static void writeLocks(BinaryWriter out, LockTable locks) {
        List<LockView> views = locks.list(null);
        out.writeCount(views.size());
        for (LockView lock : views) {
            out.writeString(lock.name(), "Lock.name");
            out.writeNullableString(lock.holder());
            out.writeNullableLong(lock.fence());
            out.writeStrings(lock.waiters(), "Lock.waiters[]");
            for (long deadline : locks.waitDeadlines(lock.name())) {
                out.writeLong(deadline);
            }
        }
    }

    private static List<StoredLock> readLocks(BinaryReader in, int version) {
        int count = in.readCount("lock");
        List<StoredLock> locks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = in.position();
            String name = in.readString("Lock.name");
            String holder = in.readNullableString();
            Long fence = in.readNullableLong();
            if ((holder == null) != (fence == null)) {
                throw new CodecException("lock '" + name + "' at offset " + at + " has a holder without a fence"
                        + " or a fence without a holder");
            }
            List<String> waiters = in.readStrings("Lock.waiters[]");
            List<Long> deadlines = new ArrayList<>(waiters.size());
            for (int w = 0; w < waiters.size(); w++) {
                // Version 1 stored no deadlines: those waits end only by CancelWait or their session.
                deadlines.add(version >= Format.VERSION_2 ? in.readLong() : LockTable.NO_DEADLINE);
            }
            locks.add(new StoredLock(new LockView(name, holder, fence, waiters), deadlines));
        }
        return locks;
    }

    private static void writeGroups(BinaryWriter out, Membership membership) {
        List<GroupView> groups = membership.list();
        out.writeCount(groups.size());
        for (GroupView group : groups) {
            out.writeString(group.group(), "Group.name");
            out.writeLong(group.index());
            out.writeCount(group.members().size());
            for (Member m : group.members()) {
                // Member.group is the enclosing group's name, so it is not repeated per member.
                out.writeString(m.member(), "Member.member");
                out.writeString(m.sessionId(), "Member.sessionId");
                out.writeNullableString(m.address());
                out.writeNullableString(m.metadataJson());
                out.writeInt(m.weight());
            }
        }
    }

    private static List<GroupView> readGroups(BinaryReader in, int version) {
        int count = in.readCount("group");
        List<GroupView> groups = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String group = in.readString("Group.name");
            long index = in.readLong();
            int memberCount = in.readCount("member");
            List<Member> members = new ArrayList<>(memberCount);
            for (int j = 0; j < memberCount; j++) {
                members.add(new Member(group, in.readString("Member.member"), in.readString("Member.sessionId"),
                        in.readNullableString(), in.readNullableString(),
                        version >= Format.VERSION_3 ? in.readInt() : Member.DEFAULT_WEIGHT));
            }
            groups.add(new GroupView(group, index, members));
        }
        return groups;
    }

    private static void writeIdempotency(BinaryWriter out, IdempotencyTable table) {
        List<IdempotencyTable.Entry> entries = table.all();
        out.writeCount(entries.size());
        for (IdempotencyTable.Entry entry : entries) {
            out.writeString(entry.key(), "Idempotency.key");
            out.writeNullableString(entry.fingerprint());
            out.writeLong(entry.recordedAtMs());
            ResultCodec.write(out, entry.result());
        }
    }

    private static List<IdempotencyTable.Entry> readIdempotency(BinaryReader in) {
        int count = in.readCount("idempotency entry");
        List<IdempotencyTable.Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new IdempotencyTable.Entry(in.readString("Idempotency.key"), in.readNullableString(),
                    in.readLong(), ResultCodec.read(in)));
        }
        return entries;
    }

}
