package io.warden.domain;

/** A lock as reads show it: holder (null when free) with its session name, fence and queue length. */
public record LockInfo(String name, String holderSessionId, String holderName, Long fence, int waiters) {}
