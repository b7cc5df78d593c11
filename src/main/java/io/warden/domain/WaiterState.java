package io.warden.domain;

/**
 * Where a waiting session stands on one lock: still alive, holding it (with the grant's fence), or
 * still queued. A session that is alive, not holding and not queued has been withdrawn.
 */
public record WaiterState(boolean sessionAlive, Long heldFence, boolean queued) {}
