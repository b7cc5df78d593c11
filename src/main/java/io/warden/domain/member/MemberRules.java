package io.warden.domain.member;

import io.warden.domain.Command.PutMember;
import io.warden.domain.Result;
import io.warden.domain.watch.WatchEvent;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * The rules of membership: a member is registered by a live session and belongs to it (another session
 * cannot take its id), re-registering updates it, and it leaves when deleted or when its session ends.
 */
public final class MemberRules {

    /** What the rules tell the state about. */
    public interface Changed {
        void groupChanged(String group);

        void event(WatchEvent event);
    }

    private final Membership membership;
    private final Predicate<String> sessionAlive;

    public MemberRules(Membership membership, Predicate<String> sessionAlive) {
        this.membership = membership;
        this.sessionAlive = sessionAlive;
    }

    public Result put(PutMember p, long logIndex, Changed changed) {
        if (!sessionAlive.test(p.sessionId())) {
            return new Result.SessionNotFound(p.sessionId());
        }
        Optional<Member> existing = membership.find(p.group(), p.member());
        if (existing.isPresent() && !existing.get().sessionId().equals(p.sessionId())) {
            return new Result.MemberTaken(p.group(), p.member(), existing.get().sessionId());
        }
        Member member = new Member(p.group(), p.member(), p.sessionId(), p.address(), p.metadataJson(), p.weight());
        membership.put(member, logIndex);
        changed.groupChanged(p.group());
        changed.event(new WatchEvent.MemberPut(p.group(), p.member(), p.sessionId(), p.address(), p.weight(),
                existing.isPresent()));
        return new Result.MemberPut(p.group(), p.member(), p.sessionId(), p.address(), p.metadataJson(), p.weight(),
                logIndex);
    }

    public Result delete(String group, String member, long logIndex, Changed changed) {
        Optional<Member> existing = membership.find(group, member);
        if (existing.isEmpty()) {
            return new Result.MemberNotFound(group, member);
        }
        membership.remove(group, member, logIndex);
        changed.groupChanged(group);
        changed.event(new WatchEvent.MemberLeft(group, member, existing.get().sessionId(), "deleted"));
        return new Result.MemberDeleted(group, member);
    }

    /** A session ended: its members leave their groups. */
    public void sessionEnded(String sessionId, long logIndex, Changed changed) {
        for (Member member : membership.membersOf(sessionId)) {
            changed.event(new WatchEvent.MemberLeft(member.group(), member.member(), sessionId, "session-ended"));
        }
        for (String group : membership.removeSession(sessionId, logIndex)) {
            changed.groupChanged(group);
        }
    }
}
