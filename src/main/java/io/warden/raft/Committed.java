package io.warden.raft;

import io.warden.domain.Result;

/** A proposal's result and the log index of the entry that carried it. */
public record Committed(Result result, long index) {}
