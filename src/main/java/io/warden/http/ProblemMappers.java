package io.warden.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.warden.raft.ClusterChangeRefused;
import io.warden.raft.NoQuorumException;
import io.warden.raft.Overloaded;
import io.warden.raft.ProposalTooLarge;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** Every failure leaves as problem+json: no stack trace, no HTML, no 500 for bad input. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problems.response(e);
    }

    @ServerExceptionMapper
    public Response unavailable(NoQuorumException e) {
        return Problems.response(ProblemType.UNAVAILABLE, e.getMessage(), Map.of());
    }

    @ServerExceptionMapper
    public Response overloaded(Overloaded e) {
        return Problems.response(ProblemType.LIMIT, e.getMessage(), Map.of());
    }

    @ServerExceptionMapper
    public Response tooLarge(ProposalTooLarge e) {
        return Problems.response(ProblemType.TOO_LARGE, e.getMessage(), Map.of());
    }

    @ServerExceptionMapper
    public Response clusterChange(ClusterChangeRefused e) {
        ProblemType type = switch (e.reason()) {
            case PEER_EXISTS -> ProblemType.PEER_EXISTS;
            case PEER_NOT_FOUND -> ProblemType.PEER_NOT_FOUND;
            default -> ProblemType.CLUSTER_CHANGE_REFUSED;
        };
        return Problems.response(type, e.getMessage(), Map.of());
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return Problems.response(ProblemType.INVALID_REQUEST, "the body is not valid JSON", Map.of());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problems.response(ProblemType.NOT_FOUND, "no such endpoint", Map.of());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return Problems.response(ProblemType.METHOD_NOT_ALLOWED, "this endpoint does not take that method", Map.of());
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return Problems.response(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send application/json", Map.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return Problems.response(ProblemType.TOO_LARGE, "the body is over the size limit", Map.of());
        }
        if (status >= 400 && status < 500) {
            return Problems.response(ProblemType.INVALID_REQUEST, e.getMessage(), Map.of());
        }
        return internal(e);
    }

    @ServerExceptionMapper
    public Response internal(Throwable e) {
        Throwable cause = e.getCause();
        if (cause instanceof ProblemException p) {
            return problem(p);
        }
        if (cause instanceof NoQuorumException nq) {
            return unavailable(nq);
        }
        if (cause instanceof Overloaded o) {
            return overloaded(o);
        }
        if (cause instanceof ProposalTooLarge t) {
            return tooLarge(t);
        }
        LOG.error("unexpected failure", e);
        return Problems.response(ProblemType.INTERNAL, "an unexpected error; see the node's log", Map.of());
    }
}
