package io.warden.sidebyside;

/**
 * One load client's own connection (or session) to one system: its lease or session is made when it
 * is opened, and a cycle is {@link #acquire(String)} then {@link #release(String)} of one lock name.
 * Any failure is an exception; the workload counts it as an error.
 */
public interface LockClient extends AutoCloseable {

    /** Blocks until this client holds the lock (bounded by the system's own wait of 10 s). */
    void acquire(String name) throws Exception;

    void release(String name) throws Exception;

    /** Keeps the lease or session alive; called between cycles every 20 s (TTLs are 60 s). */
    void keepAlive() throws Exception;

    @Override
    void close();

    /** Opens one client of the given system against one endpoint host:port. */
    static LockClient open(String system, String endpoint) throws Exception {
        return switch (system) {
            case "etcd" -> new EtcdClient(endpoint);
            case "zookeeper" -> new ZkClient(endpoint);
            case "warden" -> new WardenClient(endpoint);
            default -> throw new IllegalArgumentException("unknown system " + system);
        };
    }
}
