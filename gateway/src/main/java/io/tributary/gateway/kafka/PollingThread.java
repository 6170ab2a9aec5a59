package io.tributary.gateway.kafka;

import java.time.Duration;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of one long-lived reader: it owns a positioned consumer and calls {@code pollOnce} in a
 * loop until stopped. A failed poll is logged and retried after a back-off, because a broker that is
 * away for a while must not end a reader the gateway cannot serve without. {@link #stop} wakes a
 * blocked poll and waits for the thread, which closes the consumer on its way out (a consumer is not
 * thread-safe, so only its own thread may close it).
 */
final class PollingThread {

    /** One round of the reader's work: a poll of the consumer and what it does with the records. */
    @FunctionalInterface
    interface Round<K, V> {
        void pollOnce(Consumer<K, V> consumer);
    }

    private static final Logger log = LoggerFactory.getLogger(PollingThread.class);

    private final String name;
    private final Duration backoff;
    private final Duration joinTimeout;

    private volatile boolean running;
    private volatile @Nullable Consumer<?, ?> consumer;
    private @Nullable Thread thread;

    /**
     * @param name the thread's name, also used in log lines
     * @param backoff how long to wait after a failed poll
     * @param joinTimeout how long {@link #stop} waits for the thread; at least the longest poll
     */
    PollingThread(String name, Duration backoff, Duration joinTimeout) {
        this.name = name;
        this.backoff = backoff;
        this.joinTimeout = joinTimeout;
    }

    /** Starts polling on a new daemon thread; the consumer belongs to that thread from now on. */
    synchronized <K, V> void start(Consumer<K, V> positioned, Round<K, V> round) {
        if (running) {
            throw new IllegalStateException(name + " is already running");
        }
        consumer = positioned;
        running = true;
        Thread started = new Thread(() -> loop(positioned, round), name);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    private <K, V> void loop(Consumer<K, V> polled, Round<K, V> round) {
        try (polled) {
            while (running) {
                try {
                    round.pollOnce(polled);
                } catch (WakeupException e) {
                    // stop() woke us; the loop condition decides.
                } catch (KafkaException e) {
                    log.warn("{}: poll failed, retrying in {}", name, backoff, e);
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the loop and waits (bounded) until the thread has closed the consumer. */
    synchronized void stop() {
        running = false;
        Consumer<?, ?> polled = consumer;
        if (polled != null) {
            polled.wakeup();
        }
        Thread stopped = thread;
        if (stopped != null) {
            try {
                stopped.join(joinTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (stopped.isAlive()) {
                log.warn("{} did not stop within {}", name, joinTimeout);
            }
            thread = null;
            consumer = null;
        }
    }

    boolean isRunning() {
        return running;
    }
}
