package io.warden.sidebyside;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.RetryNTimes;

/**
 * ZooKeeper through Curator: one CuratorFramework (one ZooKeeper session) per client, an
 * {@link InterProcessMutex} on {@code /bench/<name>}; an acquire not granted within 10 s is an error.
 */
final class ZkClient implements LockClient {

    private final CuratorFramework curator;
    private final Map<String, InterProcessMutex> mutexes = new HashMap<>();

    ZkClient(String endpoint) throws Exception {
        if (!endpoint.startsWith("127.") && !endpoint.startsWith("localhost:")) {
            throw new IllegalArgumentException("benchmarks target loopback only: " + endpoint);
        }
        curator = CuratorFrameworkFactory.builder()
                .connectString(endpoint)
                .sessionTimeoutMs(60_000)
                .connectionTimeoutMs(15_000)
                .retryPolicy(new RetryNTimes(3, 100))
                .build();
        curator.start();
        if (!curator.blockUntilConnected(15, TimeUnit.SECONDS)) {
            curator.close();
            throw new IllegalStateException("no ZooKeeper connection to " + endpoint);
        }
    }

    @Override
    public void acquire(String name) throws Exception {
        InterProcessMutex m = mutexes.computeIfAbsent(name, n -> new InterProcessMutex(curator, "/bench/" + n));
        if (!m.acquire(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not granted within 10 s: " + name);
        }
    }

    @Override
    public void release(String name) throws Exception {
        mutexes.get(name).release();
    }

    @Override
    public void keepAlive() {
        // Curator's connection heartbeats keep the session
    }

    @Override
    public void close() {
        curator.close();
    }
}
