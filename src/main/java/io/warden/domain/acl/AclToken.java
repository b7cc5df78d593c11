package io.warden.domain.acl;

import java.util.List;

/**
 * A token as the group keeps it: its secret only as a salted slow hash ({@code secretHash}, made by the
 * node that created it), never in clear. An admin token may do everything; any other only what a rule allows.
 */
public record AclToken(String id, String name, String secretHash, List<AclRule> rules, boolean admin) {

    public AclToken {
        rules = List.copyOf(rules);
    }

    public boolean allows(AclRule.Kind kind, String name, AclRule.Access access) {
        if (admin) {
            return true;
        }
        for (AclRule rule : rules) {
            if (rule.allows(kind, name, access)) {
                return true;
            }
        }
        return false;
    }
}
