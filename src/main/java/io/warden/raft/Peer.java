package io.warden.raft;

/** One member of the Raft group as configured: its id and its Raft address {@code host:port}. */
public record Peer(String id, String address) {}
