package io.warden.raft;

import io.warden.config.WardenConfig;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The Ratis client this node reaches other peers with: its RPC layer forwards a follower's writes to
 * the leader (see {@link RaftRequests}), and its admin API changes the group and asks the leader for
 * its view. Proposals never go through its ordered async window, so an outage cannot close it for good.
 */
final class PeerClient implements Closeable {

    private final RaftClient client;

    PeerClient(WardenConfig config, RaftGroup group, Parameters tls) {
        long attempts = Math.max(1, config.requestTimeout().toMillis() / 100);
        this.client = RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(group)
                .setProperties(RaftSettings.client(config))
                .setParameters(tls)
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                        (int) Math.min(Integer.MAX_VALUE, attempts), TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                .build();
    }

    RaftClient get() {
        return client;
    }

    /** The client's RPC layer, which sends a request to the peer it names, as it is. */
    RaftClientRpc rpc() {
        return client.getClientRpc();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
