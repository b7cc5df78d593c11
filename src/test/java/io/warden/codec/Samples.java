package io.warden.codec;

import io.warden.domain.acl.AclRule;

import io.warden.domain.Command;
import io.warden.domain.Result;

import java.util.List;

/** Every command and result type, with optional fields both null and set, for round-trip tests. */
final class Samples {

    static final String UNICODE = "zürich-\u00e9t\u00e9-\u6771\u4eac-\uD83D\uDD12";

    private Samples() {
    }

    static List<Command> commands() {
        return List.of(
                new Command.CreateSession("s-1", "worker-1", 10_000),
                new Command.CreateSession("s-2", null, 1),
                new Command.CreateSession(UNICODE, "", Long.MAX_VALUE),
                new Command.KeepAlive("s-1"),
                new Command.DeleteSession("s-1"),
                new Command.ExpireSessions(1, Long.MAX_VALUE),
                new Command.ExtendSessions(1),
                new Command.Acquire("locks/a", "s-1", true),
                new Command.Acquire("locks/a", "s-1", false),
                new Command.AcquireOneShot("locks/b", "o-1", 5_000, true),
                new Command.AcquireOneShot("locks/b", "o-2", 0, false),
                new Command.Acquire("locks/a", "s-1", true, 15_000),
                new Command.AcquireOneShot("locks/b", "o-3", 5_000, true, Long.MAX_VALUE),
                new Command.ExpireSessions(7, 1_700_000_000_000L),
                new Command.ExtendSessions(Long.MAX_VALUE),
                new Command.CancelWait("locks/a", "s-2"),
                new Command.Release("locks/a", "s-1", 42L),
                new Command.Release("locks/a", "s-1", null),
                new Command.Release("locks/a", "s-1", Long.MIN_VALUE),
                new Command.PutMember("web", "m-1", "s-1", "10.0.0.1:8080", "{\"zone\":\"a\"}"),
                new Command.PutMember("web", "m-2", "s-1", null, null),
                new Command.PutMember("web", "m-4", "s-1", "10.0.0.4:8080", null, 100),
                new Command.PutMember("web", "m-3", "s-1", "", "{}"),
                new Command.PutMember(UNICODE, UNICODE, UNICODE, UNICODE, "{\"k\":\"" + UNICODE + "\"}"),
                new Command.DeleteMember("web", "m-1"),
                new Command.Campaign("primary", "s-1", "10.0.0.5:9000", 30_000),
                new Command.Campaign("primary", "s-2", null, 0),
                new Command.WithdrawCandidacy("primary", "s-2"),
                new Command.Proclaim("primary", "s-1", 9, UNICODE),
                new Command.Resign("primary", "s-1", 9L),
                new Command.Resign("primary", "s-1", null),
                new Command.CreateToken("t-1", "ci", "pbkdf2-sha256$1000$c2FsdA$aGFzaA", List.of(
                        new AclRule(AclRule.Kind.LOCK, "billing.", AclRule.Access.WRITE),
                        new AclRule(AclRule.Kind.SESSION, "", AclRule.Access.READ)), false),
                new Command.CreateToken("t-2", null, "h", List.of(), true),
                new Command.DeleteToken("t-1"));
    }

    static List<Result> results() {
        return List.of(
                new Result.SessionInfo("s-1", "worker-1", 10_000, 9_500),
                new Result.SessionInfo("o-1", null, 5_000, -3),
                new Result.SessionDeleted("s-1"),
                new Result.SessionNotFound("s-9"),
                new Result.SessionsExpired(List.of()),
                new Result.SessionsExpired(List.of("s-1", "s-2", UNICODE)),
                new Result.SessionsExtended(0),
                new Result.SessionsExtended(17),
                new Result.Granted("locks/a", "s-1", 1),
                new Result.Granted("locks/a", "s-1", Long.MAX_VALUE),
                new Result.Queued("locks/a", "s-2"),
                new Result.Held("locks/a", "s-1", "worker-1", 7L),
                new Result.Held("locks/a", "o-1", null, 8L),
                new Result.Held("locks/a", null, null, null),
                new Result.Released("locks/a"),
                new Result.NotHolder("locks/a", "s-2"),
                new Result.StaleFence("locks/a", 3, 5L),
                new Result.StaleFence("locks/a", 3, null),
                new Result.MemberPut("web", "m-1", "s-1", "10.0.0.1:8080", "{\"zone\":\"a\"}", 12),
                new Result.MemberPut("web", "m-4", "s-1", null, null, 7, 13),
                new Result.MemberPut("web", "m-2", "s-1", null, null, 13),
                new Result.MemberDeleted("web", "m-1"),
                new Result.MemberNotFound("web", "m-9"),
                new Result.MemberTaken("web", "m-1", "s-3"),
                new Result.KeyReused("key-1"),
                new Result.KeyReused(UNICODE),
                new Result.Elected("primary", "s-1", "10.0.0.5:9000", 9),
                new Result.Elected("primary", "s-1", null, 9),
                new Result.Campaigning("primary", "s-2"),
                new Result.NotElected("primary", "s-1", "10.0.0.5:9000", 9L),
                new Result.NotElected("primary", null, null, null),
                new Result.Proclaimed("primary", "s-1", "v2", 9, 120),
                new Result.Resigned("primary"),
                new Result.NotLeader("primary", "s-2"),
                new Result.StaleTerm("primary", 8, 9L),
                new Result.StaleTerm("primary", 8, null),
                new Result.Forbidden("the session belongs to another token"),
                new Result.TokenCreated("t-1", "ci", List.of(new AclRule(AclRule.Kind.ELECTION, "p.", AclRule.Access.READ)), false),
                new Result.TokenCreated("t-2", null, List.of(), true),
                new Result.TokenDeleted("t-1"),
                new Result.TokenNotFound("t-9"));
    }
}
