package io.tributary.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class PollingThreadTest {

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");

    @Test
    void shouldKeepPollingAfterAFailedPollOnceTheBackoffIsOver() {
        PollingThread thread = new PollingThread("test-reader", Duration.ofMillis(200), Duration.ofSeconds(5));
        List<Long> rounds = new CopyOnWriteArrayList<>();

        thread.start(consumer, polled -> {
            rounds.add(System.nanoTime());
            if (rounds.size() == 1) {
                throw new KafkaException("broker away");
            }
            sleep(10);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> rounds.size() >= 3);
        thread.stop();

        assertThat(Duration.ofNanos(rounds.get(1) - rounds.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(thread.isRunning()).isFalse();
    }

    @Test
    void shouldWakeABlockedPollOnStopAndCloseTheConsumerOnItsOwnThread() {
        PollingThread thread = new PollingThread("test-reader", Duration.ofSeconds(1), Duration.ofSeconds(5));
        AtomicInteger polls = new AtomicInteger();

        // A round that only a wakeup ends, as a long poll of an idle topic would be.
        thread.start(consumer, polled -> {
            while (true) {
                polls.incrementAndGet();
                polled.poll(Duration.ofMillis(10));
                sleep(10);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> polls.get() > 0);
        assertThat(thread.isRunning()).isTrue();
        long stopping = System.nanoTime();
        thread.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(1));
        assertThat(consumer.closed()).isTrue();
        assertThat(thread.isRunning()).isFalse();
    }

    @Test
    void shouldStopAtOnceWhenNeverStarted() {
        PollingThread thread = new PollingThread("test-reader", Duration.ofSeconds(1), Duration.ofSeconds(5));

        thread.stop();

        assertThat(thread.isRunning()).isFalse();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
