package io.warden;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts Warden. Sets the common pool's size before anything uses it, since Ratis relies on it. */
@QuarkusMain
public class WardenMain {

    public static void main(String... args) {
        // On 2 cores the common pool has one worker and Ratis' *Async calls start a thread each instead.
        if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "4");
        }
        Quarkus.run(args);
    }
}
