package io.warden.domain;

import io.warden.domain.member.Member;

import java.util.List;

/** Business outcomes of applying a command. They are values, never exceptions. */
public sealed interface Result {

    /** A session as a write saw it; {@code expiresInMs} is measured from that write's leader time. */
    record SessionInfo(String sessionId, String name, long ttlMs, long expiresInMs) implements Result {}

    record SessionDeleted(String sessionId) implements Result {}

    record SessionNotFound(String sessionId) implements Result {}

    record SessionsExpired(List<String> sessionIds) implements Result {
        public SessionsExpired {
            sessionIds = List.copyOf(sessionIds);
        }
    }

    record SessionsExtended(int count) implements Result {}

    record Granted(String lock, String sessionId, long fence) implements Result {}

    /** The session waits in the lock's FIFO queue; the grant arrives with a later entry. */
    record Queued(String lock, String sessionId) implements Result {}

    /** Not acquired. Holder fields are null when, at that moment, nobody holds the lock. */
    record Held(String lock, String holderSessionId, String holderName, Long fence) implements Result {}

    record Released(String lock) implements Result {}

    record NotHolder(String lock, String sessionId) implements Result {}

    record StaleFence(String lock, long presentedFence, Long currentFence) implements Result {}

    record MemberPut(String group, String member, String sessionId, String address, String metadataJson,
                     int weight, long index) implements Result {

        /** A member of the default weight, as stored answers before weights were encoded. */
        public MemberPut(String group, String member, String sessionId, String address, String metadataJson,
                         long index) {
            this(group, member, sessionId, address, metadataJson, Member.DEFAULT_WEIGHT, index);
        }
    }

    record MemberDeleted(String group, String member) implements Result {}

    /** The session leads {@code election} in {@code term}, showing {@code value}. */
    record Elected(String election, String sessionId, String value, long term) implements Result {}

    /** The candidacy waits in the election's queue. */
    record Campaigning(String election, String sessionId) implements Result {}

    /** Not elected (now or within the wait); who leads instead, if anyone. */
    record NotElected(String election, String leaderSessionId, String leaderValue, Long term) implements Result {}

    record Proclaimed(String election, String sessionId, String value, long term, long index) implements Result {}

    record Resigned(String election) implements Result {}

    record NotLeader(String election, String sessionId) implements Result {}

    record StaleTerm(String election, long presentedTerm, Long currentTerm) implements Result {}

    record MemberNotFound(String group, String member) implements Result {}

    record MemberTaken(String group, String member, String ownerSessionId) implements Result {}

    /** The proposal's token may not do this (judged in apply, so every node judges alike); nothing was applied. */
    record Forbidden(String reason) implements Result {}

    record TokenCreated(String id, String name, java.util.List<io.warden.domain.acl.AclRule> rules, boolean admin)
            implements Result {
        public TokenCreated {
            rules = java.util.List.copyOf(rules);
        }
    }

    record TokenDeleted(String id) implements Result {}

    record TokenNotFound(String id) implements Result {}

    /** A retry reused an idempotency key for a different request; nothing was applied. */
    record KeyReused(String idempotencyKey) implements Result {}
}
