package io.warden.raft;

import io.warden.config.WardenConfig;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.jboss.logging.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Ratis client this node proposes and reads with. Ratis' ordered async client closes its request
 * window for good once one request runs out of retries (every later request fails "is closed"), so a
 * node that lost the quorum for a while would never write again. This holder replaces such a client
 * with a fresh one; the failed requests were already answered 503.
 */
final class RenewingClient implements Closeable {

    private static final Logger LOG = Logger.getLogger(RenewingClient.class);

    private final WardenConfig config;
    private final RaftGroup group;
    private final AtomicReference<RaftClient> current;

    RenewingClient(WardenConfig config, RaftGroup group) {
        this.config = config;
        this.group = group;
        this.current = new AtomicReference<>(newClient());
    }

    RaftClient get() {
        return current.get();
    }

    /** Called with a failed call's error: renews the client if that error left it unusable. */
    void renewIfBroken(RaftClient failed, Throwable error) {
        if (!causedBy(error, AlreadyClosedException.class) && !causedBy(error, RaftRetryFailureException.class)) {
            return;
        }
        RaftClient fresh = newClient();
        if (current.compareAndSet(failed, fresh)) {
            LOG.infof("renewed the Raft client after: %s", error.getMessage());
            closeQuietly(failed);
        } else {
            closeQuietly(fresh);
        }
    }

    private RaftClient newClient() {
        long attempts = Math.max(1, config.requestTimeout().toMillis() / 100);
        return RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(group)
                .setProperties(RaftSettings.client(config))
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                        (int) Math.min(Integer.MAX_VALUE, attempts), TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                .build();
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(RaftClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a replaced Raft client failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        current.get().close();
    }
}
