package io.warden.raft;

/** A read's answer and the applied index of the state it was read from. */
public record Served<T>(T value, long index) {}
