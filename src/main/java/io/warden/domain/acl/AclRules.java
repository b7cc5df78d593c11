package io.warden.domain.acl;

import io.warden.domain.Command;
import io.warden.domain.Result;

import java.util.Optional;

/**
 * Who may apply what, judged in apply from the proposal's principal and the replicated tokens, so a
 * request forwarded by any node, or a proposal forged by one, is judged alike everywhere. The HTTP layer
 * checks the same rules before proposing, to answer early; this is the check that counts.
 */
public final class AclRules {

    private final AclTable acl;

    public AclRules(AclTable acl) {
        this.acl = acl;
    }

    /** What a command acts on, for the rules: a kind and a name; empty for the group's own commands. */
    record Target(AclRule.Kind kind, String name) {
    }

    /**
     * Null when {@code principal} may apply {@code command}; otherwise the refusal. {@code session} is the
     * session the command acts with (for DeleteMember, the member's), or null.
     */
    public Result refusal(String principal, Command command, String session) {
        if (principal == null || isAdmin(principal)) {
            return null;
        }
        Optional<AclToken> token = acl.token(principal);
        if (token.isEmpty()) {
            return new Result.Forbidden("the token was deleted");
        }
        Optional<Target> target = targetOf(command);
        if (target.isEmpty() && !(command instanceof Command.KeepAlive || command instanceof Command.DeleteSession)) {
            return new Result.Forbidden("this needs an admin token");
        }
        if (target.isPresent() && !token.get().allows(target.get().kind(), target.get().name(), AclRule.Access.WRITE)) {
            return new Result.Forbidden("the token may not write " + target.get().kind().wire() + " '"
                    + target.get().name() + "'");
        }
        if (session != null) {
            Optional<String> owner = acl.ownerOf(session);
            if (owner.isPresent() && !owner.get().equals(principal)) {
                return new Result.Forbidden("the session belongs to another token");
            }
        }
        return null;
    }

    public boolean isAdmin(String principal) {
        return AclTable.BOOTSTRAP.equals(principal) || acl.token(principal).map(AclToken::admin).orElse(false);
    }

    static Optional<Target> targetOf(Command command) {
        if (command instanceof Command.CreateSession c) {
            return target(AclRule.Kind.SESSION, c.name());
        } else if (command instanceof Command.Acquire a) {
            return target(AclRule.Kind.LOCK, a.lock());
        } else if (command instanceof Command.AcquireOneShot a) {
            return target(AclRule.Kind.LOCK, a.lock());
        } else if (command instanceof Command.CancelWait c) {
            return target(AclRule.Kind.LOCK, c.lock());
        } else if (command instanceof Command.Release r) {
            return target(AclRule.Kind.LOCK, r.lock());
        } else if (command instanceof Command.PutMember p) {
            return target(AclRule.Kind.GROUP, p.group());
        } else if (command instanceof Command.DeleteMember d) {
            return target(AclRule.Kind.GROUP, d.group());
        } else if (command instanceof Command.Campaign c) {
            return target(AclRule.Kind.ELECTION, c.election());
        } else if (command instanceof Command.WithdrawCandidacy w) {
            return target(AclRule.Kind.ELECTION, w.election());
        } else if (command instanceof Command.Proclaim p) {
            return target(AclRule.Kind.ELECTION, p.election());
        } else if (command instanceof Command.Resign r) {
            return target(AclRule.Kind.ELECTION, r.election());
        }
        // Sessions by id (owner only), tokens, and the group's own expiry and extension.
        return Optional.empty();
    }

    private static Optional<Target> target(AclRule.Kind kind, String name) {
        return Optional.of(new Target(kind, name == null ? "" : name));
    }

    public Result createToken(Command.CreateToken c) {
        if (AclTable.BOOTSTRAP.equals(c.id()) || acl.contains(c.id())) {
            // Ids are random UUIDs; a clash is a forged or replayed proposal, and must not replace a token.
            return new Result.Forbidden("token id '" + c.id() + "' is taken");
        }
        acl.put(new AclToken(c.id(), c.name(), c.secretHash(), c.rules(), c.admin()));
        return new Result.TokenCreated(c.id(), c.name(), c.rules(), c.admin());
    }

    public Result deleteToken(Command.DeleteToken d) {
        return acl.remove(d.id()).<Result>map(t -> new Result.TokenDeleted(t.id()))
                .orElseGet(() -> new Result.TokenNotFound(d.id()));
    }

    /** A session the principal created is its own; one made with access control off has no owner. */
    public void sessionCreated(String sessionId, String principal) {
        if (principal != null) {
            acl.own(sessionId, principal);
        }
    }

    public void sessionEnded(String sessionId) {
        acl.disown(sessionId);
    }
}
