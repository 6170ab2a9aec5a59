package io.tributary.gateway.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/** Finds a topic's partitions, waiting for the topic to exist (it may be created by another service just now). */
final class Partitions {

    private static final Duration RETRY = Duration.ofMillis(200);

    private Partitions() {
    }

    static List<TopicPartition> of(Consumer<?, ?> consumer, String topic, Duration wait, Clock clock) {
        Instant deadline = clock.instant().plus(wait);
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, wait);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(topic, info.partition())).sorted(
                        (a, b) -> Integer.compare(a.partition(), b.partition())).toList();
            }
            if (clock.instant().isAfter(deadline)) {
                throw new TimeoutException("Topic " + topic + " does not exist after " + wait);
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a topic", e);
        }
    }
}
