package io.warden.http;

import io.warden.domain.Result;
import jakarta.ws.rs.core.Response;

/**
 * Turns a write's applied result into its HTTP answer. It is a pure function of the result, so a
 * retry answered from the idempotency table gets the same status and body as the first attempt.
 */
final class Outcomes {

    private Outcomes() {
    }

    static Response render(Result result, long index, int successStatus, SessionMask mask) {
        return Indexed.with(builder(result, successStatus, mask), index).build();
    }

    private static Response.ResponseBuilder builder(Result result, int successStatus, SessionMask mask) {
        if (result instanceof Result.SessionInfo s) {
            return Response.status(successStatus).entity(new Json.Session(s.sessionId(), s.name(),
                    Durations.format(s.ttlMs()), s.expiresInMs()));
        }
        if (result instanceof Result.SessionDeleted || result instanceof Result.MemberDeleted) {
            return Response.noContent();
        }
        if (result instanceof Result.Granted g) {
            return Response.ok(new Json.Grant(g.lock(), g.sessionId(), g.fence()));
        }
        if (result instanceof Result.Released r) {
            return Response.ok(new Json.Released(r.lock(), true));
        }
        if (result instanceof Result.Elected e) {
            return Response.ok(new Json.Election(e.election(), new Json.Leader(e.sessionId(), e.value()), e.term()));
        }
        if (result instanceof Result.Proclaimed p) {
            return Response.ok(new Json.Election(p.election(), new Json.Leader(p.sessionId(), p.value()), p.term()));
        }
        if (result instanceof Result.Resigned r) {
            return Response.ok(new Json.ElectionResigned(r.election(), true));
        }
        if (result instanceof Result.MemberPut m) {
            return Response.ok(new Json.MemberPut(m.group(), m.member(), m.sessionId(), m.address(), m.metadataJson(),
                    m.weight(), m.index()));
        }
        if (result instanceof Result.TokenDeleted) {
            return Response.noContent();
        }
        return Response.fromResponse(Problems.response(problemOf(result, mask)));
    }

    static ProblemException problemOf(Result result, SessionMask mask) {
        if (result instanceof Result.SessionNotFound s) {
            return new ProblemException(ProblemType.SESSION_NOT_FOUND, "session '" + s.sessionId() + "' does not exist");
        }
        if (result instanceof Result.Held h) {
            return new ProblemException(ProblemType.LOCK_HELD, "lock '" + h.lock() + "' was not acquired in time")
                    .with("holder", h.holderSessionId() == null ? null : new Json.Holder(mask.show(h.holderSessionId()), h.holderName()))
                    .with("fence", h.fence());
        }
        if (result instanceof Result.NotHolder n) {
            return new ProblemException(ProblemType.NOT_HOLDER,
                    "session '" + n.sessionId() + "' does not hold lock '" + n.lock() + "'");
        }
        if (result instanceof Result.StaleFence f) {
            return new ProblemException(ProblemType.STALE_FENCE,
                    "fence " + f.presentedFence() + " is not the current fence of lock '" + f.lock() + "'")
                    .with("fence", f.currentFence());
        }
        if (result instanceof Result.MemberNotFound m) {
            return new ProblemException(ProblemType.MEMBER_NOT_FOUND,
                    "member '" + m.member() + "' is not in group '" + m.group() + "'");
        }
        if (result instanceof Result.MemberTaken m) {
            return new ProblemException(ProblemType.MEMBER_TAKEN,
                    "member '" + m.member() + "' of group '" + m.group() + "' belongs to another live session");
        }
        if (result instanceof Result.NotElected n) {
            return new ProblemException(ProblemType.NOT_ELECTED, "this session does not lead election '" + n.election() + "'")
                    .with("leader", n.leaderSessionId() == null ? null : new Json.Leader(mask.show(n.leaderSessionId()), n.leaderValue()))
                    .with("term", n.term());
        }
        if (result instanceof Result.NotLeader n) {
            return new ProblemException(ProblemType.NOT_LEADER,
                    "session '" + n.sessionId() + "' does not lead election '" + n.election() + "'");
        }
        if (result instanceof Result.StaleTerm t) {
            return new ProblemException(ProblemType.STALE_TERM,
                    "term " + t.presentedTerm() + " is not the current term of election '" + t.election() + "'")
                    .with("term", t.currentTerm());
        }
        if (result instanceof Result.Forbidden f) {
            return new ProblemException(ProblemType.FORBIDDEN, f.reason());
        }
        if (result instanceof Result.TokenNotFound t) {
            return new ProblemException(ProblemType.NOT_FOUND, "token '" + t.id() + "' does not exist");
        }
        if (result instanceof Result.KeyReused k) {
            return new ProblemException(ProblemType.KEY_REUSED,
                    "Idempotency-Key '" + k.idempotencyKey() + "' was first used for a different request");
        }
        return new ProblemException(ProblemType.INTERNAL, "unexpected result " + result.getClass().getSimpleName());
    }
}
