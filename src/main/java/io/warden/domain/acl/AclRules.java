package io.warden.domain.acl;

import io.warden.domain.Command;
import io.warden.domain.Result;

import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Who may apply what, judged in apply from the proposal's principal and the replicated tokens, so a
 * request forwarded by any node, or a proposal forged by one, is judged alike everywhere. The HTTP layer
 * checks the same rules before proposing, to answer early; this is the check that counts.
 */
public final class AclRules {

    private final AclTable acl;
    /** The session of a group's member (null if none): DeleteMember names the member, not its session. */
    private final BiFunction<String, String, String> sessionOfMember;

    public AclRules(AclTable acl, BiFunction<String, String, String> sessionOfMember) {
        this.acl = acl;
        this.sessionOfMember = sessionOfMember;
    }

    /**
     * What a command acts on, for the rules: the kind and name a rule must cover (kind null: none, the
     * command acts on a session by id alone) and the session it acts with (null: none).
     */
    private record Target(AclRule.Kind kind, String name, String session) {
    }

    /** Null when {@code principal} may apply {@code command}; otherwise the refusal. */
    public Result refusal(String principal, Command command) {
        if (principal == null || AclTable.BOOTSTRAP.equals(principal)) {
            return null;
        }
        Optional<AclToken> token = acl.token(principal);
        if (token.isEmpty()) {
            return new Result.Forbidden("the token was deleted");
        }
        if (token.get().admin()) {
            return null;
        }
        Optional<Target> target = targetOf(command);
        if (target.isEmpty()) {
            return new Result.Forbidden("this needs an admin token");
        }
        Target t = target.get();
        if (t.kind() != null && !token.get().allows(t.kind(), t.name(), AclRule.Access.WRITE)) {
            return new Result.Forbidden("the token may not write " + t.kind().wire() + " '" + t.name() + "'");
        }
        if (t.session() != null) {
            Optional<String> owner = acl.ownerOf(t.session());
            if (owner.isPresent() && !owner.get().equals(principal)) {
                return new Result.Forbidden("the session belongs to another token");
            }
        }
        return null;
    }

    /** Empty for what only an admin may do: tokens, and the group's own expiry and extension. */
    private Optional<Target> targetOf(Command command) {
        if (command instanceof Command.CreateSession c) {
            return target(AclRule.Kind.SESSION, c.name(), null);
        } else if (command instanceof Command.KeepAlive k) {
            return target(null, null, k.sessionId());
        } else if (command instanceof Command.DeleteSession d) {
            return target(null, null, d.sessionId());
        } else if (command instanceof Command.Acquire a) {
            return target(AclRule.Kind.LOCK, a.lock(), a.sessionId());
        } else if (command instanceof Command.AcquireOneShot a) {
            // A new one-shot lease: nobody owns it yet.
            return target(AclRule.Kind.LOCK, a.lock(), null);
        } else if (command instanceof Command.CancelWait c) {
            return target(AclRule.Kind.LOCK, c.lock(), c.sessionId());
        } else if (command instanceof Command.Release r) {
            return target(AclRule.Kind.LOCK, r.lock(), r.sessionId());
        } else if (command instanceof Command.PutMember p) {
            return target(AclRule.Kind.GROUP, p.group(), p.sessionId());
        } else if (command instanceof Command.DeleteMember d) {
            return target(AclRule.Kind.GROUP, d.group(), sessionOfMember.apply(d.group(), d.member()));
        } else if (command instanceof Command.Campaign c) {
            return target(AclRule.Kind.ELECTION, c.election(), c.sessionId());
        } else if (command instanceof Command.WithdrawCandidacy w) {
            return target(AclRule.Kind.ELECTION, w.election(), w.sessionId());
        } else if (command instanceof Command.Proclaim p) {
            return target(AclRule.Kind.ELECTION, p.election(), p.sessionId());
        } else if (command instanceof Command.Resign r) {
            return target(AclRule.Kind.ELECTION, r.election(), r.sessionId());
        }
        return Optional.empty();
    }

    private static Optional<Target> target(AclRule.Kind kind, String name, String session) {
        return Optional.of(new Target(kind, name == null ? "" : name, session));
    }

    public Result createToken(Command.CreateToken c) {
        if (AclTable.BOOTSTRAP.equals(c.id()) || acl.contains(c.id())) {
            // Ids are random UUIDs; a clash is a forged or replayed proposal, and must not replace a token.
            return new Result.Forbidden("token id '" + c.id() + "' is taken");
        }
        acl.put(c.token());
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
