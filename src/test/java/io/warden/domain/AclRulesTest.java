package io.warden.domain;

import io.warden.codec.WardenCodec;
import io.warden.domain.acl.AclRule;
import io.warden.domain.acl.AclRule.Access;
import io.warden.domain.acl.AclRule.Kind;
import io.warden.domain.acl.AclTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access control judged in apply: a proposal's principal must own the session it acts with and hold a
 * rule for the name it writes; tokens are an admin's; a proposal naming a deleted or unknown token is
 * refused, whichever node forwarded it. Refused proposals change nothing, and tokens and owners survive
 * a snapshot.
 */
class AclRulesTest {

    private static final String ADMIN = "t-admin";
    private static final String ALICE = "t-alice";
    private static final String BOB = "t-bob";

    private final StateDriver log = new StateDriver();

    @BeforeEach
    void tokens() {
        assertInstanceOf(Result.TokenCreated.class, as(AclTable.BOOTSTRAP, new Command.CreateToken(ADMIN, "ops", "h0", List.of(), true)));
        assertInstanceOf(Result.TokenCreated.class, as(ADMIN, new Command.CreateToken(ALICE, "alice", "h1",
                List.of(new AclRule(Kind.LOCK, "a.", Access.WRITE), new AclRule(Kind.SESSION, "", Access.WRITE)), false)));
        assertInstanceOf(Result.TokenCreated.class, as(ADMIN, new Command.CreateToken(BOB, "bob", "h2",
                List.of(new AclRule(Kind.LOCK, "", Access.WRITE), new AclRule(Kind.SESSION, "", Access.WRITE)), false)));
    }

    private Result as(String principal, Command command) {
        return log.entry(new Proposal(null, null, principal, command)).results().get(0);
    }

    @Test
    void onlyTheOwnerOrAnAdminActsWithASession() {
        assertInstanceOf(Result.SessionInfo.class, as(ALICE, new Command.CreateSession("s-alice", "w", 60_000)));
        assertEquals(ALICE, log.state.acl().ownerOf("s-alice").orElseThrow());

        // Bob may write every lock, but not with Alice's session: judged here, whichever node proposed it.
        assertForbidden(as(BOB, new Command.Acquire("a.x", "s-alice", false, 0)));
        assertForbidden(as(BOB, new Command.KeepAlive("s-alice")));
        assertForbidden(as(BOB, new Command.DeleteSession("s-alice")));
        assertTrue(log.state.sessions().contains("s-alice"));
        assertTrue(log.state.locks().list(null).isEmpty(), "a refused acquire granted nothing");

        assertInstanceOf(Result.Granted.class, as(ALICE, new Command.Acquire("a.x", "s-alice", false, 0)));
        assertInstanceOf(Result.SessionInfo.class, as(ADMIN, new Command.KeepAlive("s-alice")));
        assertInstanceOf(Result.SessionDeleted.class, as(ALICE, new Command.DeleteSession("s-alice")));
        assertFalse(log.state.acl().ownerOf("s-alice").isPresent(), "an ended session leaves no owner behind");
    }

    @Test
    void aTokenWritesOnlyNamesItsRulesCover() {
        as(ALICE, new Command.CreateSession("s-a", null, 60_000));
        assertForbidden(as(ALICE, new Command.Acquire("b.x", "s-a", false, 0)));
        assertForbidden(as(ALICE, new Command.PutMember("web", "m1", "s-a", null, null, 1)));
        assertForbidden(as(ALICE, new Command.Campaign("primary", "s-a", "v", 0)));
        assertInstanceOf(Result.Granted.class, as(ALICE, new Command.Acquire("a.y", "s-a", false, 0)));
        // A one-shot lease is the caller's own, so only it may release with it.
        Result oneShot = as(BOB, new Command.AcquireOneShot("b.job", "s-oneshot", 30_000, false, 0));
        assertInstanceOf(Result.Granted.class, oneShot);
        assertForbidden(as(ALICE, new Command.Release("b.job", "s-oneshot", null)));
        assertInstanceOf(Result.Released.class, as(BOB, new Command.Release("b.job", "s-oneshot", null)));
    }

    @Test
    void tokensAreAnAdminsAndADeletedTokenIsRefusedEverything() {
        assertForbidden(as(ALICE, new Command.CreateToken("t-new", "x", "h", List.of(), true)));
        assertForbidden(as(ALICE, new Command.DeleteToken(BOB)));
        assertForbidden(as(ALICE, new Command.ExpireSessions(1, log.now())));
        assertFalse(log.state.acl().contains("t-new"));
        // A forged proposal naming a token the group never had, or the bootstrap id taken by a create.
        assertForbidden(as("t-forged", new Command.CreateSession("s-f", null, 60_000)));
        assertForbidden(as(ADMIN, new Command.CreateToken(AclTable.BOOTSTRAP, "x", "h", List.of(), true)));
        assertForbidden(as(ADMIN, new Command.CreateToken(BOB, "bob again", "h", List.of(), true)));
        assertFalse(log.state.sessions().contains("s-f"));

        as(BOB, new Command.CreateSession("s-bob", null, 60_000));
        assertInstanceOf(Result.TokenDeleted.class, as(ADMIN, new Command.DeleteToken(BOB)));
        assertForbidden(as(BOB, new Command.KeepAlive("s-bob")));
        assertInstanceOf(Result.TokenNotFound.class, as(ADMIN, new Command.DeleteToken(BOB)));
    }

    @Test
    void tokensAndOwnersSurviveASnapshotAndAreJudgedAlikeAfterIt() throws Exception {
        as(ALICE, new Command.CreateSession("s-alice", null, 60_000));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WardenCodec.writeSnapshot(log.state, bytes);
        WardenState restored = new WardenState();
        WardenCodec.readSnapshot(new ByteArrayInputStream(bytes.toByteArray()), restored);

        assertEquals(List.copyOf(log.state.acl().tokens()), List.copyOf(restored.acl().tokens()));
        assertEquals(ALICE, restored.acl().ownerOf("s-alice").orElseThrow());
        Applied refused = restored.apply(new LogEntry(log.now(), List.of(new Proposal(null, null, BOB,
                new Command.KeepAlive("s-alice")))), log.index() + 1, log.term());
        assertForbidden(refused.results().get(0));
    }

    @Test
    void proposalsWithoutAPrincipalAreJudgedAsBeforeAccessControl() {
        // Access control off: no principal, no owner, anything goes, as in every test before it existed.
        assertInstanceOf(Result.SessionInfo.class, log.apply(new Command.CreateSession("s-open", null, 60_000)));
        assertFalse(log.state.acl().ownerOf("s-open").isPresent());
        assertInstanceOf(Result.Granted.class, as(BOB, new Command.Acquire("z", "s-open", false, 0)));
    }

    private static void assertForbidden(Result result) {
        assertInstanceOf(Result.Forbidden.class, result, String.valueOf(result));
    }
}
