package io.warden.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ends a request with an RFC 9457 problem; {@code extra} adds members such as holder and fence. */
public final class ProblemException extends RuntimeException {

    /** One invalid field of a request body or query. */
    public record FieldError(String field, String message) {}

    private final ProblemType type;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public ProblemException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST, field + ": " + message)
                .with("errors", List.of(new FieldError(field, message)));
    }

    public ProblemException with(String member, Object value) {
        extra.put(member, value);
        return this;
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
