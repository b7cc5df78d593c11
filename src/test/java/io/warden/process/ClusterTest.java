package io.warden.process;

import org.junit.jupiter.api.AfterEach;

/** A process test on one Warden group: the test starts the group, and it is always stopped afterwards. */
public abstract class ClusterTest {

    protected WardenCluster cluster;

    /** Stops what a test runs on top of the group (load threads, writers) before the nodes go. */
    protected void beforeStop() throws Exception {
    }

    @AfterEach
    public void stopCluster() throws Exception {
        try {
            beforeStop();
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }
}
