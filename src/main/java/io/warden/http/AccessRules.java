package io.warden.http;

import io.warden.domain.acl.AclRule;
import io.warden.domain.acl.AclRule.Access;
import io.warden.domain.acl.AclRule.Kind;

import java.util.function.Function;

/**
 * What each /v1 endpoint needs of a token, from its method and path alone, so the filter answers 403
 * before anything is read or proposed. Writes are judged again in apply (AclRules), with the session's
 * owner; this table is the one place that names an endpoint's right. Anything it does not know needs an admin.
 */
final class AccessRules {

    private AccessRules() {
    }

    /** One endpoint's requirement, checked against the caller; {@code ownerOf} looks a session's owner up. */
    interface Need {
        boolean allows(Caller caller, Function<String, String> ownerOf);

        String describe();
    }

    private record Admin() implements Need {
        public boolean allows(Caller caller, Function<String, String> ownerOf) {
            return caller.admin();
        }

        public String describe() {
            return "this needs an admin token";
        }
    }

    /** Any valid token; what it may do is judged further on (apply, or the session's owner). */
    private record AnyToken() implements Need {
        public boolean allows(Caller caller, Function<String, String> ownerOf) {
            return true;
        }

        public String describe() {
            return "any token";
        }
    }

    private record Named(Kind kind, String name, Access access) implements Need {
        public boolean allows(Caller caller, Function<String, String> ownerOf) {
            return caller.may(kind, name, access);
        }

        public String describe() {
            return "the token may not " + access.wire() + " " + kind.wire() + " '" + name + "'";
        }
    }

    private record Under(Kind kind, String prefix) implements Need {
        public boolean allows(Caller caller, Function<String, String> ownerOf) {
            return caller.mayReadAllUnder(kind, prefix);
        }

        public String describe() {
            return "the token may not read every " + kind.wire() + " under '" + prefix + "'";
        }
    }

    private record SessionOwner(String sessionId) implements Need {
        public boolean allows(Caller caller, Function<String, String> ownerOf) {
            return caller.sees(ownerOf.apply(sessionId));
        }

        public String describe() {
            return "the session belongs to another token";
        }
    }

    static final Need ADMIN = new Admin();
    static final Need ANY_TOKEN = new AnyToken();

    /** {@code path} is the normalized request path; {@code prefix} the {@code prefix} query parameter, if any. */
    static Need of(String method, String path, String prefix) {
        if (path.startsWith("/q/")) {
            // /q/metrics and /q/openapi, when protected: any token (the filter lets /q/health through unchecked).
            return ANY_TOKEN;
        }
        String[] p = path.split("/", -1);
        // p[0] is empty, p[1] is "v1"
        if (p.length < 3 || !p[1].equals("v1")) {
            return ADMIN;
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        String area = p[2];
        String name = p.length > 3 ? p[3] : null;
        switch (area) {
            case "sessions":
                if (name == null || name.isEmpty()) {
                    // Creating is judged in apply by the session rules; listing every session is an admin's.
                    return read ? ADMIN : ANY_TOKEN;
                }
                return read ? new SessionOwner(name) : ANY_TOKEN;
            case "locks":
                return named(Kind.LOCK, name, read, prefix);
            case "groups":
                return named(Kind.GROUP, name, read, null);
            case "elections":
                return named(Kind.ELECTION, name, read, null);
            case "cluster":
                return read && p.length == 3 ? ANY_TOKEN : ADMIN;
            case "watch":
                // Judged on the watch's filter by the watch route (WatchAccess), once the filter is parsed.
                return p.length == 3 ? ANY_TOKEN : ADMIN;
            default:
                // /v1/acl and whatever is added without a rule here.
                return ADMIN;
        }
    }

    private static Need named(Kind kind, String name, boolean read, String prefix) {
        if (name == null || name.isEmpty()) {
            // A list: every name under the prefix must be readable (no prefix: every name).
            return read ? new Under(kind, prefix == null ? "" : prefix) : ADMIN;
        }
        return new Named(kind, name, read ? Access.READ : Access.WRITE);
    }

    static AclRule.Kind kindOf(String wire) {
        for (Kind k : Kind.values()) {
            if (k.wire().equals(wire)) {
                return k;
            }
        }
        return null;
    }
}
