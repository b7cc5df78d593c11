package io.warden.domain.member;

/** A service instance in a group, owned by a session; {@code address} and metadata may be null. */
public record Member(String group, String member, String sessionId, String address, String metadataJson) {}
