package io.warden.http;

import io.warden.domain.acl.AclRule;
import io.warden.domain.acl.AclTable;
import io.warden.domain.acl.AclToken;

/**
 * Who sent a request, as the access-control filter authenticated it. {@link #OPEN} is every request
 * while access control is off: it may do everything and its proposals carry no principal.
 */
public record Caller(String principal, boolean admin, AclToken token) {

    public static final Caller OPEN = new Caller(null, true, null);

    static Caller bootstrap() {
        return new Caller(AclTable.BOOTSTRAP, true, null);
    }

    static Caller of(AclToken token) {
        return new Caller(token.id(), token.admin(), token);
    }

    boolean may(AclRule.Kind kind, String name, AclRule.Access access) {
        return admin || token.allows(kind, name, access);
    }

    /**
     * Whether the caller may read every name under {@code prefix}: some rule of the kind covers the
     * prefix itself (a rule for "billing." covers a list of "billing.eu.").
     */
    boolean mayReadAllUnder(AclRule.Kind kind, String prefix) {
        if (admin) {
            return true;
        }
        for (AclRule rule : token.rules()) {
            if (rule.kind() == kind && prefix.startsWith(rule.prefix())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a session id may be shown to this caller: an admin's, or the caller's own session. */
    boolean sees(String ownerOfSession) {
        return admin || (ownerOfSession != null && ownerOfSession.equals(principal));
    }
}
