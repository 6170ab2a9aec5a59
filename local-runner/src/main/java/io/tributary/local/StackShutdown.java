package io.tributary.local;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what the stack started, last started first: the services (which still need the broker to shut down
 * cleanly, committing offsets and transactions), then the simulator, then the broker. Run once, from the
 * JVM's shutdown hook, on Ctrl-C, SIGTERM or an exit after a failure.
 */
final class StackShutdown implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StackShutdown.class);

    private final Deque<Part> started = new ArrayDeque<>();
    private boolean begun;

    /** Records something started; if shutdown has already begun, stops it at once, so nothing is left behind. */
    synchronized void started(String name, Runnable stop) {
        if (begun) {
            stopOne(new Part(name, stop));
        } else {
            started.push(new Part(name, stop));
        }
    }

    synchronized boolean begun() {
        return begun;
    }

    @Override
    public synchronized void run() {
        if (begun) {
            return;
        }
        begun = true;
        if (!started.isEmpty()) {
            log.info("Stopping the local stack");
        }
        while (!started.isEmpty()) {
            stopOne(started.pop());
        }
    }

    private static void stopOne(Part part) {
        log.info("Stopping {}", part.name());
        try {
            part.stop().run();
        } catch (RuntimeException e) {
            // Keep going: one part that fails to stop must not leave the others running.
            log.warn("Stopping {} failed: {}", part.name(), e.toString());
        }
    }

    private record Part(String name, Runnable stop) {
    }
}
