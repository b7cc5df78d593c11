package io.warden.domain.acl;

import io.warden.domain.Page;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tokens, and which token owns each live session. A session made while access control was off
 * (or by the group itself) has no owner entry and may be used by any token with the right rules.
 */
public final class AclTable {

    /**
     * The principal of the bootstrap admin token. That token is not replicated: every node reads the same
     * file, so every node can judge it alike, and no token of the table can take this id.
     */
    public static final String BOOTSTRAP = "bootstrap";

    private final NavigableMap<String, AclToken> tokens = new TreeMap<>();
    private final Map<String, String> sessionOwners = new HashMap<>();

    public Optional<AclToken> token(String id) {
        return Optional.ofNullable(tokens.get(id));
    }

    public boolean contains(String id) {
        return tokens.containsKey(id);
    }

    public void put(AclToken token) {
        tokens.put(token.id(), token);
    }

    public Optional<AclToken> remove(String id) {
        return Optional.ofNullable(tokens.remove(id));
    }

    /** Tokens in id order, after {@code after} (exclusive; null from the start), at most {@code count}. */
    public List<AclToken> after(String after, int count) {
        return Page.valuesAfter(tokens, after, count);
    }

    public Collection<AclToken> tokens() {
        return tokens.values();
    }

    public int size() {
        return tokens.size();
    }

    /** The token that created the session, if one did. */
    public Optional<String> ownerOf(String sessionId) {
        return Optional.ofNullable(sessionOwners.get(sessionId));
    }

    public void own(String sessionId, String principal) {
        sessionOwners.put(sessionId, principal);
    }

    public void disown(String sessionId) {
        sessionOwners.remove(sessionId);
    }

    public Map<String, String> sessionOwners() {
        return sessionOwners;
    }

    public void clear() {
        tokens.clear();
        sessionOwners.clear();
    }
}
