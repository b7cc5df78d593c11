package io.warden.raft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which followers the leader should reconnect to: those it has heard nothing from for a while.
 *
 * <p>Ratis' gRPC channel to a peer keeps the address it resolved. A peer that comes back on a new
 * address (a container or pod restarted) is then unreachable until the channel's pending connect to
 * the old address times out, after 30 s (Netty's default, which Ratis 3.3 does not expose); the
 * image check measured 30 s from the restart to a caught-up node. Resetting the channel makes it
 * resolve the name again (with the JVM's DNS cache kept short, see bin/jvm.options). A peer that is
 * really down costs one refused connect per reset, so resets to one peer are spaced by the same
 * silence.
 */
final class SilentFollowers {

    private final long silenceMs;
    private final Map<String, Long> lastResetMs = new HashMap<>();

    SilentFollowers(long silenceMs) {
        this.silenceMs = silenceMs;
    }

    /**
     * @param silentForMs each follower's time since the leader last heard from it
     * @param nowMs       a monotonic clock reading
     * @return the followers to reconnect now
     */
    List<String> toReconnect(Map<String, Long> silentForMs, long nowMs) {
        lastResetMs.keySet().retainAll(silentForMs.keySet());
        List<String> reconnect = new ArrayList<>();
        silentForMs.forEach((id, silent) -> {
            if (silent < silenceMs) {
                lastResetMs.remove(id);
                return;
            }
            Long last = lastResetMs.get(id);
            if (last == null || nowMs - last >= silenceMs) {
                lastResetMs.put(id, nowMs);
                reconnect.add(id);
            }
        });
        reconnect.sort(null);
        return reconnect;
    }

    long silenceMs() {
        return silenceMs;
    }
}
