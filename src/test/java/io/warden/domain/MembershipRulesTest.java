package io.warden.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.domain.Command.DeleteMember;
import io.warden.domain.Command.DeleteSession;
import io.warden.domain.Command.PutMember;
import io.warden.domain.member.GroupView;
import io.warden.domain.member.Member;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MembershipRulesTest {

    private final StateDriver d = new StateDriver();

    @BeforeEach
    void sessions() {
        d.session("a", 60_000);
        d.session("b", 60_000);
    }

    @Test
    void putMemberJoinsGroupAtItsLogIndex() {
        Result r = d.apply(new PutMember("svc", "m1", "a", "10.0.0.5:9000", "{\"zone\":\"a\"}"));

        assertEquals(new Result.MemberPut("svc", "m1", "a", "10.0.0.5:9000", "{\"zone\":\"a\"}", d.index()), r);
        assertEquals(new GroupView("svc", d.index(),
                List.of(new Member("svc", "m1", "a", "10.0.0.5:9000", "{\"zone\":\"a\"}"))), d.group("svc"));
        assertEquals(Set.of("svc"), d.changes().groups());
    }

    @Test
    void sameSessionPutAgainUpdatesMember() {
        d.apply(new PutMember("svc", "m1", "a", "10.0.0.5:9000", null));

        Result r = d.apply(new PutMember("svc", "m1", "a", "10.0.0.6:9000", "{\"v\":2}"));

        assertEquals(new Result.MemberPut("svc", "m1", "a", "10.0.0.6:9000", "{\"v\":2}", d.index()), r);
        assertEquals(List.of(new Member("svc", "m1", "a", "10.0.0.6:9000", "{\"v\":2}")), d.group("svc").members());
        assertEquals(d.index(), d.group("svc").index());
        assertEquals(1, d.reads.session("a").orElseThrow().memberships().size());
    }

    @Test
    void memberOwnedByAnotherLiveSessionIsTaken() {
        long index = d.member("svc", "m1", "a");

        Result r = d.apply(new PutMember("svc", "m1", "b", "elsewhere", null));

        assertEquals(new Result.MemberTaken("svc", "m1", "a"), r);
        assertTrue(d.changes().isEmpty());
        assertEquals(index, d.group("svc").index());
        assertEquals(List.of(new Member("svc", "m1", "a", null, null)), d.group("svc").members());
    }

    @Test
    void memberIdFreedByEndedSessionCanBeTakenByAnother() {
        d.member("svc", "m1", "a");
        d.apply(new DeleteSession("a"));

        Result r = d.apply(new PutMember("svc", "m1", "b", null, null));

        assertEquals(new Result.MemberPut("svc", "m1", "b", null, null, d.index()), r);
    }

    @Test
    void putWithUnknownSessionIsSessionNotFound() {
        Result r = d.apply(new PutMember("svc", "m1", "ghost", null, null));

        assertEquals(new Result.SessionNotFound("ghost"), r);
        assertTrue(d.changes().isEmpty());
        assertEquals(new GroupView("svc", 0, List.of()), d.group("svc"));
    }

    @Test
    void deleteMemberRemovesItAtItsLogIndex() {
        d.member("svc", "m1", "a");
        d.member("svc", "m2", "b");

        Result r = d.apply(new DeleteMember("svc", "m1"));

        assertEquals(new Result.MemberDeleted("svc", "m1"), r);
        assertEquals(new GroupView("svc", d.index(), List.of(new Member("svc", "m2", "b", null, null))),
                d.group("svc"));
        assertTrue(d.reads.session("a").orElseThrow().memberships().isEmpty());
        assertEquals(Set.of("svc"), d.changes().groups());
    }

    @Test
    void deletingMissingMemberIsMemberNotFound() {
        long index = d.member("svc", "m1", "a");

        assertEquals(new Result.MemberNotFound("svc", "nope"), d.apply(new DeleteMember("svc", "nope")));
        assertTrue(d.changes().isEmpty());
        assertEquals(index, d.group("svc").index(), "a failed delete is not a change");
        assertEquals(new Result.MemberNotFound("none", "m1"), d.apply(new DeleteMember("none", "m1")));
        d.apply(new DeleteMember("svc", "m1"));
        assertEquals(new Result.MemberNotFound("svc", "m1"), d.apply(new DeleteMember("svc", "m1")));
    }

    @Test
    void unknownGroupIsEmptyAtIndexZero() {
        assertEquals(new GroupView("never", 0, List.of()), d.group("never"));
    }

    @Test
    void groupIndexIsLogIndexOfItsLastChangeOnly() {
        long put = d.member("svc", "m1", "a");
        d.member("other", "m1", "a");
        d.apply(new DeleteMember("other", "m1"));

        assertEquals(put, d.group("svc").index(), "changes to other groups do not move it");
        assertEquals(d.index(), d.group("other").index());
    }

    @Test
    void emptiedGroupKeepsIndexOfItsLastChange() {
        d.member("svc", "m1", "a");
        d.apply(new DeleteMember("svc", "m1"));

        // Watchers blocked on the old index must still see this change.
        assertEquals(new GroupView("svc", d.index(), List.of()), d.group("svc"));
    }

    @Test
    void changesInOneEntryShareThatEntryIndex() {
        Applied applied = d.batch(new PutMember("svc", "m1", "a", null, null), new PutMember("svc", "m2", "b", null, null));

        assertEquals(d.index(), ((Result.MemberPut) applied.results().get(0)).index());
        assertEquals(d.index(), ((Result.MemberPut) applied.results().get(1)).index());
        assertEquals(d.index(), d.group("svc").index());
    }

    @Test
    void membersAreListedByMemberId() {
        d.member("svc", "m3", "a");
        d.member("svc", "m1", "b");
        d.member("svc", "m2", "a");

        assertEquals(List.of("m1", "m2", "m3"), d.group("svc").members().stream().map(Member::member).toList());
    }
}
