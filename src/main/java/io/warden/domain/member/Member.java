package io.warden.domain.member;

/**
 * A service instance in a group, owned by a session; {@code address} and metadata may be null.
 * {@code weight} (1-100) is its share of the group's hash ring relative to the others.
 */
public record Member(String group, String member, String sessionId, String address, String metadataJson, int weight) {

    public static final int DEFAULT_WEIGHT = 1;
    public static final int MAX_WEIGHT = 100;

    public Member(String group, String member, String sessionId, String address, String metadataJson) {
        this(group, member, sessionId, address, metadataJson, DEFAULT_WEIGHT);
    }
}
