package io.warden.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Client threads that loop while {@link #running()} and are joined, with a deadline, when stopped. */
public final class LoadThreads {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /** Starts {@code count} daemon threads; each runs {@code loop} with its own number. */
    public void start(int count, String name, IntConsumer loop) {
        for (int i = 0; i < count; i++) {
            int id = i;
            Thread t = new Thread(() -> loop.accept(id), name + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    public boolean running() {
        return running.get();
    }

    /** Asks every thread to end and waits for it; fails the test if one does not end in time. */
    public void stopAndAssertEnded() throws InterruptedException {
        stop();
        for (Thread t : threads) {
            assertFalse(t.isAlive(), t.getName() + " ended");
        }
    }

    public void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(40));
        }
    }
}
