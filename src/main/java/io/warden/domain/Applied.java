package io.warden.domain;

import java.util.List;

/** The outcome of applying one log entry: a result per proposal, in order, and what changed. */
public record Applied(long logIndex, List<Result> results, Changes changes) {}
