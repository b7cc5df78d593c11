package io.warden.domain.lock;

/** A lock given to a session with the fence of that grant. */
public record Grant(String lock, String sessionId, long fence) {}
