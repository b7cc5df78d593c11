package io.warden.domain;

import io.warden.domain.Command.Campaign;
import io.warden.domain.Command.DeleteSession;
import io.warden.domain.Command.Proclaim;
import io.warden.domain.Command.Resign;
import io.warden.domain.Command.WithdrawCandidacy;
import io.warden.domain.election.ElectionView;
import io.warden.domain.lock.Grant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Elections: locks with a value, sharing the fence counter; FIFO succession; term-checked proclaim and resign. */
class ElectionRulesTest {

    private static final long WAIT = 30_000;

    private final StateDriver d = new StateDriver();

    @BeforeEach
    void sessions() {
        for (String id : List.of("a", "b", "c")) {
            d.session(id, 60_000);
        }
    }

    private Result campaign(String session, String value, long waitMs) {
        return d.apply(new Campaign("E", session, value, waitMs));
    }

    private ElectionView view() {
        return d.reads.election("E");
    }

    @Test
    void theFirstCandidateLeadsWithATermFromTheFenceCounter() {
        long lockFence = d.grant("L", "c");
        Result.Elected won = assertInstanceOf(Result.Elected.class, campaign("a", "10.0.0.1:9000", 0));
        assertEquals("a", won.sessionId());
        assertEquals("10.0.0.1:9000", won.value());
        assertEquals(lockFence + 1, won.term(), "terms and fences come from one counter");
        assertEquals(List.of(new Grant("E", "a", won.term())), d.changes().electionWins());
        assertEquals(lockFence + 2, d.grant("L2", "c"), "and the next lock fence follows the term");

        ElectionView view = view();
        assertEquals("a", view.leader());
        assertEquals("10.0.0.1:9000", view.value());
        assertEquals(won.term(), view.term());
        assertEquals(d.index() - 1, view.index(), "the index of the win");
    }

    @Test
    void campaigningAgainWhileLeadingAnswersTheSameTerm() {
        long term = assertInstanceOf(Result.Elected.class, campaign("a", "x", 0)).term();
        Result.Elected again = assertInstanceOf(Result.Elected.class, campaign("a", "y", WAIT));
        assertEquals(term, again.term());
        assertEquals("x", again.value(), "a repeated campaign does not replace the value; proclaim does");
    }

    @Test
    void withoutAWaitALosingCandidateIsToldWhoLeads() {
        long term = assertInstanceOf(Result.Elected.class, campaign("a", "x", 0)).term();
        Result.NotElected lost = assertInstanceOf(Result.NotElected.class, campaign("b", "y", 0));
        assertEquals("a", lost.leaderSessionId());
        assertEquals("x", lost.leaderValue());
        assertEquals(term, lost.term());
        assertEquals(0, view().candidates());
    }

    @Test
    void candidatesWaitInFifoOrderAndSucceedWhenTheLeaderResigns() {
        long t1 = assertInstanceOf(Result.Elected.class, campaign("a", "va", 0)).term();
        assertInstanceOf(Result.Campaigning.class, campaign("b", "vb", WAIT));
        assertInstanceOf(Result.Campaigning.class, campaign("c", "vc", WAIT));
        assertInstanceOf(Result.Campaigning.class, campaign("b", "vb", WAIT), "a repeated wait stays queued once");
        assertEquals(2, view().candidates());

        assertInstanceOf(Result.Resigned.class, d.apply(new Resign("E", "a", t1)));
        ElectionView next = view();
        assertEquals("b", next.leader(), "first come, first served");
        assertEquals("vb", next.value(), "the new leader shows its own value");
        assertTrue(next.term() > t1);
        assertEquals(List.of(new Grant("E", "b", next.term())), d.changes().electionWins());
        assertTrue(d.changes().candidacies().contains(new WaiterChange("E", "b")), "b's waiting request wakes");
    }

    @Test
    void whenTheLeadersSessionEndsTheNextCandidateLeads() {
        assertInstanceOf(Result.Elected.class, campaign("a", "va", 0));
        assertInstanceOf(Result.Campaigning.class, campaign("b", "vb", WAIT));
        d.apply(new DeleteSession("a"));
        assertEquals("b", view().leader());
        assertEquals("vb", view().value());
    }

    @Test
    void aLeaderWhoseTtlRunsOutIsSucceededAtExpiry() {
        d.session("short", 2_000);
        assertInstanceOf(Result.Elected.class, campaign("short", "v1", 0));
        assertInstanceOf(Result.Campaigning.class, campaign("b", "vb", WAIT));
        d.advance(2_001).expire();
        assertEquals("b", view().leader());
    }

    @Test
    void aWaitThatRunsOutInTheLogIsWithdrawn() {
        campaign("a", "va", 0);
        assertInstanceOf(Result.Campaigning.class, campaign("b", "vb", 5_000));
        d.advance(5_001).expire();
        assertEquals(0, view().candidates(), "nobody waits for b's request any more");
        d.apply(new Resign("E", "a", null));
        assertNull(view().leader(), "b never leads after its wait ended");
    }

    @Test
    void aWithdrawalAfterTheWinAnswersTheWin() {
        long t1 = assertInstanceOf(Result.Elected.class, campaign("a", "va", 0)).term();
        campaign("b", "vb", WAIT);
        d.apply(new Resign("E", "a", t1));
        Result.Elected won = assertInstanceOf(Result.Elected.class, d.apply(new WithdrawCandidacy("E", "b")));
        assertEquals("b", won.sessionId());
        assertEquals("b", view().leader(), "the win stands");
    }

    @Test
    void aWithdrawalBeforeTheWinLeavesTheQueue() {
        campaign("a", "va", 0);
        campaign("b", "vb", WAIT);
        Result.NotElected lost = assertInstanceOf(Result.NotElected.class, d.apply(new WithdrawCandidacy("E", "b")));
        assertEquals("a", lost.leaderSessionId());
        assertEquals(0, view().candidates());
    }

    @Test
    void proclaimReplacesTheValueOnlyForTheCurrentTermsLeader() {
        long term = assertInstanceOf(Result.Elected.class, campaign("a", "v1", 0)).term();
        Result.Proclaimed proclaimed = assertInstanceOf(Result.Proclaimed.class, d.apply(new Proclaim("E", "a", term, "v2")));
        assertEquals(term, proclaimed.term());
        assertEquals("v2", view().value());
        assertEquals(d.index(), view().index());

        assertInstanceOf(Result.NotLeader.class, d.apply(new Proclaim("E", "b", term, "v3")));
        Result.StaleTerm stale = assertInstanceOf(Result.StaleTerm.class, d.apply(new Proclaim("E", "a", term - 1, "v3")));
        assertEquals(term, stale.currentTerm());
        assertEquals("v2", view().value(), "refused proclaims change nothing");
    }

    @Test
    void resignNeedsTheLeaderAndItsTerm() {
        long term = assertInstanceOf(Result.Elected.class, campaign("a", "v1", 0)).term();
        assertInstanceOf(Result.NotLeader.class, d.apply(new Resign("E", "b", term)));
        assertInstanceOf(Result.StaleTerm.class, d.apply(new Resign("E", "a", term + 1)));
        assertEquals("a", view().leader());
        assertInstanceOf(Result.Resigned.class, d.apply(new Resign("E", "a", term)));
        assertNull(view().leader());
        assertNull(view().term());
    }

    @Test
    void aSessionThatDoesNotExistIsRefusedEverywhere() {
        assertInstanceOf(Result.SessionNotFound.class, campaign("ghost", "v", 0));
        assertInstanceOf(Result.SessionNotFound.class, d.apply(new Proclaim("E", "ghost", 1, "v")));
        assertInstanceOf(Result.SessionNotFound.class, d.apply(new Resign("E", "ghost", null)));
        assertInstanceOf(Result.SessionNotFound.class, d.apply(new WithdrawCandidacy("E", "ghost")));
    }

    @Test
    void anEmptyElectionReportsTheLastChangeToAnyElection() {
        long term = assertInstanceOf(Result.Elected.class, campaign("a", "v1", 0)).term();
        d.apply(new Resign("E", "a", term));
        long resignedAt = d.index();
        ElectionView empty = view();
        assertNull(empty.leader());
        assertEquals(resignedAt, empty.index(), "a blocking query on it wakes at the resignation");
        assertEquals(resignedAt, d.reads.election("never-used").index());
    }
}
