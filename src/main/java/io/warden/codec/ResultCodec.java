package io.warden.codec;

import io.warden.domain.Result;
import io.warden.domain.Result.Granted;
import io.warden.domain.Result.Held;
import io.warden.domain.Result.KeyReused;
import io.warden.domain.Result.MemberDeleted;
import io.warden.domain.Result.MemberNotFound;
import io.warden.domain.Result.MemberPut;
import io.warden.domain.Result.MemberTaken;
import io.warden.domain.Result.NotHolder;
import io.warden.domain.Result.Queued;
import io.warden.domain.Result.Released;
import io.warden.domain.Result.SessionDeleted;
import io.warden.domain.Result.SessionInfo;
import io.warden.domain.Result.SessionNotFound;
import io.warden.domain.Result.SessionsExpired;
import io.warden.domain.Result.SessionsExtended;
import io.warden.domain.Result.StaleFence;

import java.util.ArrayList;
import java.util.List;

/** One result as a tag byte and its fields in declaration order; also lists of results. */
final class ResultCodec {

    private ResultCodec() {
    }

    static void write(BinaryWriter out, Result result) {
        // Java 17 has no pattern switch; the chain ends in an error for a result added without a tag.
        if (result instanceof SessionInfo s) {
            out.writeByte(Tags.SESSION_INFO);
            out.writeString(s.sessionId(), "SessionInfo.sessionId");
            out.writeNullableString(s.name());
            out.writeLong(s.ttlMs());
            out.writeLong(s.expiresInMs());
        } else if (result instanceof SessionDeleted s) {
            out.writeByte(Tags.SESSION_DELETED);
            out.writeString(s.sessionId(), "SessionDeleted.sessionId");
        } else if (result instanceof SessionNotFound s) {
            out.writeByte(Tags.SESSION_NOT_FOUND);
            out.writeString(s.sessionId(), "SessionNotFound.sessionId");
        } else if (result instanceof SessionsExpired s) {
            out.writeByte(Tags.SESSIONS_EXPIRED);
            out.writeStrings(s.sessionIds(), "SessionsExpired.sessionIds[]");
        } else if (result instanceof SessionsExtended s) {
            out.writeByte(Tags.SESSIONS_EXTENDED);
            out.writeInt(s.count());
        } else if (result instanceof Granted g) {
            out.writeByte(Tags.GRANTED);
            out.writeString(g.lock(), "Granted.lock");
            out.writeString(g.sessionId(), "Granted.sessionId");
            out.writeLong(g.fence());
        } else if (result instanceof Queued q) {
            out.writeByte(Tags.QUEUED);
            out.writeString(q.lock(), "Queued.lock");
            out.writeString(q.sessionId(), "Queued.sessionId");
        } else if (result instanceof Held h) {
            out.writeByte(Tags.HELD);
            out.writeString(h.lock(), "Held.lock");
            out.writeNullableString(h.holderSessionId());
            out.writeNullableString(h.holderName());
            out.writeNullableLong(h.fence());
        } else if (result instanceof Released r) {
            out.writeByte(Tags.RELEASED);
            out.writeString(r.lock(), "Released.lock");
        } else if (result instanceof NotHolder n) {
            out.writeByte(Tags.NOT_HOLDER);
            out.writeString(n.lock(), "NotHolder.lock");
            out.writeString(n.sessionId(), "NotHolder.sessionId");
        } else if (result instanceof StaleFence s) {
            out.writeByte(Tags.STALE_FENCE);
            out.writeString(s.lock(), "StaleFence.lock");
            out.writeLong(s.presentedFence());
            out.writeNullableLong(s.currentFence());
        } else if (result instanceof MemberPut m) {
            out.writeByte(Tags.MEMBER_PUT_WEIGHTED);
            out.writeString(m.group(), "MemberPut.group");
            out.writeString(m.member(), "MemberPut.member");
            out.writeString(m.sessionId(), "MemberPut.sessionId");
            out.writeNullableString(m.address());
            out.writeNullableString(m.metadataJson());
            out.writeInt(m.weight());
            out.writeLong(m.index());
        } else if (result instanceof MemberDeleted m) {
            out.writeByte(Tags.MEMBER_DELETED);
            out.writeString(m.group(), "MemberDeleted.group");
            out.writeString(m.member(), "MemberDeleted.member");
        } else if (result instanceof MemberNotFound m) {
            out.writeByte(Tags.MEMBER_NOT_FOUND);
            out.writeString(m.group(), "MemberNotFound.group");
            out.writeString(m.member(), "MemberNotFound.member");
        } else if (result instanceof MemberTaken m) {
            out.writeByte(Tags.MEMBER_TAKEN);
            out.writeString(m.group(), "MemberTaken.group");
            out.writeString(m.member(), "MemberTaken.member");
            out.writeString(m.ownerSessionId(), "MemberTaken.ownerSessionId");
        } else if (result instanceof Result.Forbidden f) {
            out.writeByte(Tags.FORBIDDEN);
            out.writeString(f.reason(), "Forbidden.reason");
        } else if (result instanceof Result.TokenCreated t) {
            out.writeByte(Tags.TOKEN_CREATED);
            out.writeString(t.id(), "TokenCreated.id");
            out.writeNullableString(t.name());
            AclCodec.writeRules(out, t.rules());
            out.writeBoolean(t.admin());
        } else if (result instanceof Result.TokenDeleted t) {
            out.writeByte(Tags.TOKEN_DELETED);
            out.writeString(t.id(), "TokenDeleted.id");
        } else if (result instanceof Result.TokenNotFound t) {
            out.writeByte(Tags.TOKEN_NOT_FOUND);
            out.writeString(t.id(), "TokenNotFound.id");
        } else if (result instanceof KeyReused k) {
            out.writeByte(Tags.KEY_REUSED);
            out.writeString(k.idempotencyKey(), "KeyReused.idempotencyKey");
        } else if (result instanceof Result.Elected e) {
            out.writeByte(Tags.ELECTED);
            out.writeString(e.election(), "Elected.election");
            out.writeString(e.sessionId(), "Elected.sessionId");
            out.writeNullableString(e.value());
            out.writeLong(e.term());
        } else if (result instanceof Result.Campaigning c) {
            out.writeByte(Tags.CAMPAIGNING);
            out.writeString(c.election(), "Campaigning.election");
            out.writeString(c.sessionId(), "Campaigning.sessionId");
        } else if (result instanceof Result.NotElected n) {
            out.writeByte(Tags.NOT_ELECTED);
            out.writeString(n.election(), "NotElected.election");
            out.writeNullableString(n.leaderSessionId());
            out.writeNullableString(n.leaderValue());
            out.writeNullableLong(n.term());
        } else if (result instanceof Result.Proclaimed p) {
            out.writeByte(Tags.PROCLAIMED);
            out.writeString(p.election(), "Proclaimed.election");
            out.writeString(p.sessionId(), "Proclaimed.sessionId");
            out.writeNullableString(p.value());
            out.writeLong(p.term());
            out.writeLong(p.index());
        } else if (result instanceof Result.Resigned r) {
            out.writeByte(Tags.RESIGNED);
            out.writeString(r.election(), "Resigned.election");
        } else if (result instanceof Result.NotLeader n) {
            out.writeByte(Tags.NOT_LEADER);
            out.writeString(n.election(), "NotLeader.election");
            out.writeString(n.sessionId(), "NotLeader.sessionId");
        } else if (result instanceof Result.StaleTerm s) {
            out.writeByte(Tags.STALE_TERM);
            out.writeString(s.election(), "StaleTerm.election");
            out.writeLong(s.presentedTerm());
            out.writeNullableLong(s.currentTerm());
        } else if (result == null) {
            throw new CodecException("result must not be null");
        } else {
            throw new CodecException("no wire tag for result " + result.getClass().getSimpleName());
        }
    }

    static Result read(BinaryReader in) {
        int at = in.position();
        byte tag = in.readByte();
        switch (tag) {
            case Tags.SESSION_INFO:
                return new SessionInfo(in.readString("SessionInfo.sessionId"), in.readNullableString(),
                        in.readLong(), in.readLong());
            case Tags.SESSION_DELETED:
                return new SessionDeleted(in.readString("SessionDeleted.sessionId"));
            case Tags.SESSION_NOT_FOUND:
                return new SessionNotFound(in.readString("SessionNotFound.sessionId"));
            case Tags.SESSIONS_EXPIRED:
                return new SessionsExpired(in.readStrings("SessionsExpired.sessionIds[]"));
            case Tags.SESSIONS_EXTENDED:
                return new SessionsExtended(in.readInt());
            case Tags.GRANTED:
                return new Granted(in.readString("Granted.lock"), in.readString("Granted.sessionId"), in.readLong());
            case Tags.QUEUED:
                return new Queued(in.readString("Queued.lock"), in.readString("Queued.sessionId"));
            case Tags.HELD:
                return new Held(in.readString("Held.lock"), in.readNullableString(), in.readNullableString(),
                        in.readNullableLong());
            case Tags.RELEASED:
                return new Released(in.readString("Released.lock"));
            case Tags.NOT_HOLDER:
                return new NotHolder(in.readString("NotHolder.lock"), in.readString("NotHolder.sessionId"));
            case Tags.STALE_FENCE:
                return new StaleFence(in.readString("StaleFence.lock"), in.readLong(), in.readNullableLong());
            case Tags.MEMBER_PUT:
                return new MemberPut(in.readString("MemberPut.group"), in.readString("MemberPut.member"),
                        in.readString("MemberPut.sessionId"), in.readNullableString(), in.readNullableString(),
                        in.readLong());
            case Tags.MEMBER_PUT_WEIGHTED:
                return new MemberPut(in.readString("MemberPut.group"), in.readString("MemberPut.member"),
                        in.readString("MemberPut.sessionId"), in.readNullableString(), in.readNullableString(),
                        in.readInt(), in.readLong());
            case Tags.MEMBER_DELETED:
                return new MemberDeleted(in.readString("MemberDeleted.group"), in.readString("MemberDeleted.member"));
            case Tags.MEMBER_NOT_FOUND:
                return new MemberNotFound(in.readString("MemberNotFound.group"),
                        in.readString("MemberNotFound.member"));
            case Tags.MEMBER_TAKEN:
                return new MemberTaken(in.readString("MemberTaken.group"), in.readString("MemberTaken.member"),
                        in.readString("MemberTaken.ownerSessionId"));
            case Tags.FORBIDDEN:
                return new Result.Forbidden(in.readString("Forbidden.reason"));
            case Tags.TOKEN_CREATED:
                return new Result.TokenCreated(in.readString("TokenCreated.id"), in.readNullableString(),
                        AclCodec.readRules(in), in.readBoolean());
            case Tags.TOKEN_DELETED:
                return new Result.TokenDeleted(in.readString("TokenDeleted.id"));
            case Tags.TOKEN_NOT_FOUND:
                return new Result.TokenNotFound(in.readString("TokenNotFound.id"));
            case Tags.KEY_REUSED:
                return new KeyReused(in.readString("KeyReused.idempotencyKey"));
            case Tags.ELECTED:
                return new Result.Elected(in.readString("Elected.election"), in.readString("Elected.sessionId"),
                        in.readNullableString(), in.readLong());
            case Tags.CAMPAIGNING:
                return new Result.Campaigning(in.readString("Campaigning.election"), in.readString("Campaigning.sessionId"));
            case Tags.NOT_ELECTED:
                return new Result.NotElected(in.readString("NotElected.election"), in.readNullableString(),
                        in.readNullableString(), in.readNullableLong());
            case Tags.PROCLAIMED:
                return new Result.Proclaimed(in.readString("Proclaimed.election"), in.readString("Proclaimed.sessionId"),
                        in.readNullableString(), in.readLong(), in.readLong());
            case Tags.RESIGNED:
                return new Result.Resigned(in.readString("Resigned.election"));
            case Tags.NOT_LEADER:
                return new Result.NotLeader(in.readString("NotLeader.election"), in.readString("NotLeader.sessionId"));
            case Tags.STALE_TERM:
                return new Result.StaleTerm(in.readString("StaleTerm.election"), in.readLong(), in.readNullableLong());
            default:
                throw new CodecException("unknown result tag " + tag + " at offset " + at);
        }
    }

    static void writeList(BinaryWriter out, List<Result> results) {
        if (results == null) {
            throw new CodecException("results must not be null");
        }
        out.writeCount(results.size());
        for (Result result : results) {
            write(out, result);
        }
    }

    static List<Result> readList(BinaryReader in) {
        int count = in.readCount("result");
        List<Result> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(read(in));
        }
        return results;
    }
}
