package io.warden.codec;

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
import io.warden.domain.Command.Campaign;
import io.warden.domain.Command.Proclaim;
import io.warden.domain.Command.PutMember;
import io.warden.domain.Command.Resign;
import io.warden.domain.Command.WithdrawCandidacy;
import io.warden.domain.Command.Release;

/** One command as a tag byte and its fields in declaration order. */
final class CommandCodec {

    private CommandCodec() {
    }

    static void write(BinaryWriter out, Command command) {
        // Java 17 has no pattern switch; the chain ends in an error for a command added without a tag.
        if (command instanceof CreateSession c) {
            out.writeByte(Tags.CREATE_SESSION);
            out.writeString(c.sessionId(), "CreateSession.sessionId");
            out.writeNullableString(c.name());
            out.writeLong(c.ttlMs());
        } else if (command instanceof KeepAlive k) {
            out.writeByte(Tags.KEEP_ALIVE);
            out.writeString(k.sessionId(), "KeepAlive.sessionId");
        } else if (command instanceof DeleteSession d) {
            out.writeByte(Tags.DELETE_SESSION);
            out.writeString(d.sessionId(), "DeleteSession.sessionId");
        } else if (command instanceof ExpireSessions e) {
            out.writeByte(Tags.EXPIRE_SESSIONS_IN_TERM);
            out.writeLong(e.term());
            out.writeLong(e.asOfMs());
        } else if (command instanceof ExtendSessions e) {
            out.writeByte(Tags.EXTEND_SESSIONS_IN_TERM);
            out.writeLong(e.term());
        } else if (command instanceof Acquire a) {
            out.writeByte(Tags.ACQUIRE_WAITING);
            out.writeString(a.lock(), "Acquire.lock");
            out.writeString(a.sessionId(), "Acquire.sessionId");
            out.writeBoolean(a.queueIfHeld());
            out.writeLong(a.waitMs());
        } else if (command instanceof AcquireOneShot a) {
            out.writeByte(Tags.ACQUIRE_ONE_SHOT_WAITING);
            out.writeString(a.lock(), "AcquireOneShot.lock");
            out.writeString(a.sessionId(), "AcquireOneShot.sessionId");
            out.writeLong(a.ttlMs());
            out.writeBoolean(a.queueIfHeld());
            out.writeLong(a.waitMs());
        } else if (command instanceof CancelWait c) {
            out.writeByte(Tags.CANCEL_WAIT);
            out.writeString(c.lock(), "CancelWait.lock");
            out.writeString(c.sessionId(), "CancelWait.sessionId");
        } else if (command instanceof Release r) {
            out.writeByte(Tags.RELEASE);
            out.writeString(r.lock(), "Release.lock");
            out.writeString(r.sessionId(), "Release.sessionId");
            out.writeNullableLong(r.fence());
        } else if (command instanceof PutMember p) {
            out.writeByte(Tags.PUT_MEMBER_WEIGHTED);
            out.writeString(p.group(), "PutMember.group");
            out.writeString(p.member(), "PutMember.member");
            out.writeString(p.sessionId(), "PutMember.sessionId");
            out.writeNullableString(p.address());
            out.writeNullableString(p.metadataJson());
            out.writeInt(p.weight());
        } else if (command instanceof DeleteMember d) {
            out.writeByte(Tags.DELETE_MEMBER);
            out.writeString(d.group(), "DeleteMember.group");
            out.writeString(d.member(), "DeleteMember.member");
        } else if (command instanceof Campaign c) {
            out.writeByte(Tags.CAMPAIGN);
            out.writeString(c.election(), "Campaign.election");
            out.writeString(c.sessionId(), "Campaign.sessionId");
            out.writeNullableString(c.value());
            out.writeLong(c.waitMs());
        } else if (command instanceof WithdrawCandidacy w) {
            out.writeByte(Tags.WITHDRAW_CANDIDACY);
            out.writeString(w.election(), "WithdrawCandidacy.election");
            out.writeString(w.sessionId(), "WithdrawCandidacy.sessionId");
        } else if (command instanceof Proclaim p) {
            out.writeByte(Tags.PROCLAIM);
            out.writeString(p.election(), "Proclaim.election");
            out.writeString(p.sessionId(), "Proclaim.sessionId");
            out.writeLong(p.term());
            out.writeNullableString(p.value());
        } else if (command instanceof Resign r) {
            out.writeByte(Tags.RESIGN);
            out.writeString(r.election(), "Resign.election");
            out.writeString(r.sessionId(), "Resign.sessionId");
            out.writeNullableLong(r.term());
        } else if (command instanceof Command.CreateToken c) {
            out.writeByte(Tags.CREATE_TOKEN);
            AclCodec.writeToken(out, c.token());
        } else if (command instanceof Command.DeleteToken d) {
            out.writeByte(Tags.DELETE_TOKEN);
            out.writeString(d.id(), "DeleteToken.id");
        } else if (command == null) {
            throw new CodecException("command must not be null");
        } else {
            throw new CodecException("no wire tag for command " + command.getClass().getSimpleName());
        }
    }

    static Command read(BinaryReader in) {
        int at = in.position();
        byte tag = in.readByte();
        switch (tag) {
            case Tags.CREATE_SESSION:
                return new CreateSession(in.readString("CreateSession.sessionId"), in.readNullableString(),
                        in.readLong());
            case Tags.KEEP_ALIVE:
                return new KeepAlive(in.readString("KeepAlive.sessionId"));
            case Tags.DELETE_SESSION:
                return new DeleteSession(in.readString("DeleteSession.sessionId"));
            case Tags.EXPIRE_SESSIONS:
                return new ExpireSessions(Command.LEGACY_TERM, Long.MAX_VALUE);
            case Tags.EXTEND_SESSIONS:
                return new ExtendSessions(Command.LEGACY_TERM);
            case Tags.EXPIRE_SESSIONS_IN_TERM:
                return new ExpireSessions(in.readLong(), in.readLong());
            case Tags.EXTEND_SESSIONS_IN_TERM:
                return new ExtendSessions(in.readLong());
            case Tags.ACQUIRE:
                return new Acquire(in.readString("Acquire.lock"), in.readString("Acquire.sessionId"),
                        in.readBoolean());
            case Tags.ACQUIRE_WAITING:
                return new Acquire(in.readString("Acquire.lock"), in.readString("Acquire.sessionId"),
                        in.readBoolean(), in.readLong());
            case Tags.ACQUIRE_ONE_SHOT:
                return new AcquireOneShot(in.readString("AcquireOneShot.lock"),
                        in.readString("AcquireOneShot.sessionId"), in.readLong(), in.readBoolean());
            case Tags.ACQUIRE_ONE_SHOT_WAITING:
                return new AcquireOneShot(in.readString("AcquireOneShot.lock"),
                        in.readString("AcquireOneShot.sessionId"), in.readLong(), in.readBoolean(), in.readLong());
            case Tags.CANCEL_WAIT:
                return new CancelWait(in.readString("CancelWait.lock"), in.readString("CancelWait.sessionId"));
            case Tags.RELEASE:
                return new Release(in.readString("Release.lock"), in.readString("Release.sessionId"),
                        in.readNullableLong());
            case Tags.PUT_MEMBER:
                return new PutMember(in.readString("PutMember.group"), in.readString("PutMember.member"),
                        in.readString("PutMember.sessionId"), in.readNullableString(), in.readNullableString());
            case Tags.PUT_MEMBER_WEIGHTED:
                return new PutMember(in.readString("PutMember.group"), in.readString("PutMember.member"),
                        in.readString("PutMember.sessionId"), in.readNullableString(), in.readNullableString(),
                        in.readInt());
            case Tags.DELETE_MEMBER:
                return new DeleteMember(in.readString("DeleteMember.group"), in.readString("DeleteMember.member"));
            case Tags.CAMPAIGN:
                return new Campaign(in.readString("Campaign.election"), in.readString("Campaign.sessionId"),
                        in.readNullableString(), in.readLong());
            case Tags.WITHDRAW_CANDIDACY:
                return new WithdrawCandidacy(in.readString("WithdrawCandidacy.election"),
                        in.readString("WithdrawCandidacy.sessionId"));
            case Tags.PROCLAIM:
                return new Proclaim(in.readString("Proclaim.election"), in.readString("Proclaim.sessionId"),
                        in.readLong(), in.readNullableString());
            case Tags.RESIGN:
                return new Resign(in.readString("Resign.election"), in.readString("Resign.sessionId"),
                        in.readNullableLong());
            case Tags.CREATE_TOKEN:
                return Command.CreateToken.of(AclCodec.readToken(in));
            case Tags.DELETE_TOKEN:
                return new Command.DeleteToken(in.readString("DeleteToken.id"));
            default:
                throw new CodecException("unknown command tag " + tag + " at offset " + at);
        }
    }
}
