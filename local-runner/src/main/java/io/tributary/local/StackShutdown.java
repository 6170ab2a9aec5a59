package io.tributary.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what the stack started, last started first: the services (which still need the broker to shut down
 * cleanly, committing offsets and transactions), then the simulator, then the broker. Parts started one
 * after another in the same group (all the services, all the Kafka nodes) stop together: a service's
 * graceful stop takes seconds, and the nodes of a cluster must stop together, as the last one alone would
 * wait for a quorum that has gone. Run once, from the JVM's shutdown hook, on Ctrl-C, SIGTERM or an exit
 * after a failure.
 */
final class StackShutdown implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StackShutdown.class);

    private final Deque<Part> started = new ArrayDeque<>();
    private boolean begun;

    /** Records something started; if shutdown has already begun, stops it at once, so nothing is left behind. */
    synchronized void started(String name, Runnable stop) {
        started(name, name, stop);
    }

    /**
     * Records something started as a member of {@code group}: it stops together with the parts of the same
     * group recorded just before or after it.
     */
    synchronized void started(String name, String group, Runnable stop) {
        if (begun) {
            stopOne(new Part(name, group, stop));
        } else {
            started.push(new Part(name, group, stop));
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
            List<Part> together = new ArrayList<>(List.of(started.pop()));
            while (!started.isEmpty() && started.peek().group().equals(together.get(0).group())) {
                together.add(started.pop());
            }
            stopTogether(together);
        }
    }

    private static void stopTogether(List<Part> parts) {
        if (parts.size() == 1) {
            stopOne(parts.get(0));
            return;
        }
        List<Thread> stops = new ArrayList<>();
        for (Part part : parts) {
            Thread stop = new Thread(() -> stopOne(part), "stop-" + part.name());
            stop.start();
            stops.add(stop);
        }
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                // Shutdown goes on: the rest must still be stopped.
                Thread.currentThread().interrupt();
            }
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

    private record Part(String name, String group, Runnable stop) {
    }
}
