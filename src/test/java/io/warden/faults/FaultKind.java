package io.warden.faults;

import java.util.Arrays;
import java.util.List;

/** The faults a campaign injects; the network ones need the {@link NetworkLab}. */
enum FaultKind {
    /** SIGKILL of the leader, restarted once the others have elected a new one. */
    KILL_LEADER(false),
    KILL_FOLLOWER(false),
    /** SIGSTOP of the leader for longer than a session's TTL (a GC pause, a stalled VM), then SIGCONT. */
    PAUSE_LEADER(false),
    PAUSE_FOLLOWER(false),
    /** SIGTERM of any node (a rolling restart's step), started again from its data. */
    RESTART_NODE(false),
    /** POST /v1/cluster/leader to a follower. */
    MOVE_LEADERSHIP(false),
    /** A follower removed through /v1/cluster/peers, its data wiped, and added back as a new member. */
    REPLACE_FOLLOWER(false),
    /** The leader's peer link dropped both ways. */
    ISOLATE_LEADER(true),
    /** The leader hears nothing from its peers but still reaches them (a one-way link). */
    DEAFEN_LEADER(true),
    ISOLATE_FOLLOWER(true);

    private final boolean network;

    FaultKind(boolean network) {
        this.network = network;
    }

    static List<FaultKind> available(boolean networkLab) {
        return Arrays.stream(values()).filter(k -> networkLab || !k.network).toList();
    }
}
