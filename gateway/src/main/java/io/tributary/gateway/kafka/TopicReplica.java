package io.tributary.gateway.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * This gateway's copy of one or more whole topics: one consumer of all their partitions (assigned, no
 * group, read_committed, from the beginning) on its own {@link PollingThread}, which hands each record
 * to its topic's view. It is what {@link JobStateView} does for {@code jobs.state}, for any topic whose
 * every record every gateway needs (preferences, inboxes).
 *
 * <p>Ready once it has applied everything up to the end offsets it found at start-up: before that, a
 * missing record proves nothing. {@link #awaitApplied} lets a request that has just written a record
 * wait until this replica has applied it, so the answer (and the next request to this gateway) shows
 * the write. A record that cannot be decoded or applied is logged and skipped: one bad record must not
 * stop a reader that every user of the gateway depends on.
 */
public final class TopicReplica implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicReplica.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final String name;
    private final KafkaClients clients;
    private final Map<String, ReplicatedTopic<?>> topics = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration startTimeout;
    private final PollingThread thread;
    private final AppliedPositions applied = new AppliedPositions();
    private final CompletableFuture<Boolean> ready = new CompletableFuture<>();
    private volatile List<TopicPartition> partitions = List.of();

    /**
     * @param name names the replica's thread, its Kafka client and its log lines
     * @param startTimeout how long the start waits for the broker and the topics
     */
    public TopicReplica(String name, KafkaClients clients, List<ReplicatedTopic<?>> replicated, Clock clock,
            Duration startTimeout) {
        if (replicated.isEmpty()) {
            throw new IllegalArgumentException("A replica needs at least one topic");
        }
        this.name = name;
        this.clients = clients;
        replicated.forEach(topic -> topics.put(topic.name(), topic));
        this.clock = clock;
        this.startTimeout = startTimeout;
        this.thread = new PollingThread("tributary-replica-" + name, BACKOFF, POLL.plusSeconds(5));
    }

    public String name() {
        return name;
    }

    /** Whether the replica has applied everything that was on its topics when the gateway started. */
    public boolean isReady() {
        return ready.isDone();
    }

    /** Completes with true once ready, with false if that takes longer than {@code wait}. */
    public Mono<Boolean> awaitReady(Duration wait) {
        return Mono.fromFuture(ready, true).timeout(wait, Mono.just(false));
    }

    /**
     * Completes once this replica has applied the record at {@code offset} of {@code partition}, e.g.
     * a record this gateway has just written; fails with a {@link TimeoutException} after
     * {@code timeout}.
     */
    public Mono<Void> awaitApplied(TopicPartition partition, long offset, Duration timeout) {
        return Mono.defer(() -> {
            if (!partitions.contains(partition)) {
                return Mono.error(new IllegalArgumentException(name + " does not replicate " + partition));
            }
            CompletableFuture<Void> done = applied.awaitApplied(partition, offset);
            // The future completes on the replica's polling thread: hand the waiter's continuation (the
            // rest of an HTTP request) to another thread, so that a request never holds up the reader
            // every user of the gateway depends on.
            return Mono.fromFuture(done, true)
                    .publishOn(Schedulers.parallel())
                    .timeout(timeout, Mono.error(() -> new TimeoutException(
                            name + " had not applied " + partition + "@" + offset + " after " + timeout)))
                    .doFinally(signal -> applied.forget(partition, done));
        });
    }

    /** How many writes wait to be read back. */
    public int waitingWrites() {
        return applied.waiting();
    }

    @Override
    public void start() {
        KafkaConsumer<String, byte[]> created = clients.consumer("replica-" + name, "earliest");
        Map<TopicPartition, Long> ends;
        try {
            List<TopicPartition> assigned = new ArrayList<>();
            for (String topic : topics.keySet()) {
                assigned.addAll(Partitions.of(created, topic, startTimeout, clock));
            }
            created.assign(assigned);
            created.seekToBeginning(assigned);
            ends = created.endOffsets(assigned, startTimeout);
            partitions = List.copyOf(assigned);
        } catch (RuntimeException e) {
            created.close();
            throw e;
        }
        thread.start(created, consumer -> {
            consumer.poll(POLL).forEach(this::apply);
            advance(consumer);
            markReadyIfCaughtUp(ends);
        });
        log.info("Replica {} reading {} from the beginning, up to {} before it is ready", name, topics.keySet(), ends);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        ReplicatedTopic<?> topic = topics.get(record.topic());
        if (key == null || topic == null) {
            log.warn("{}: skipping a record without a key at {}-{}@{}", name, record.topic(), record.partition(),
                    record.offset());
            return;
        }
        try {
            topic.apply(key, record);
        } catch (SerializationException e) {
            log.warn("{}: skipping unreadable record {}-{}@{}: {}", name, record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("{}: skipping record {}-{}@{} that could not be applied", name, record.topic(),
                    record.partition(), record.offset(), e);
        }
    }

    /**
     * The consumer's positions, not the last record's offset + 1: with read_committed, transaction
     * markers and aborted records advance the position without reaching the view.
     */
    private void advance(Consumer<String, byte[]> consumer) {
        for (TopicPartition partition : partitions) {
            applied.advance(partition, consumer.position(partition));
        }
    }

    private void markReadyIfCaughtUp(Map<TopicPartition, Long> ends) {
        if (ready.isDone()) {
            return;
        }
        boolean caughtUp = ends.entrySet().stream()
                .allMatch(end -> applied.position(end.getKey()) >= end.getValue());
        if (caughtUp) {
            log.info("Replica {} caught up with {}", name, topics.keySet());
            ready.complete(true);
        }
    }

    @Override
    public void stop() {
        thread.stop();
    }

    @Override
    public boolean isRunning() {
        return thread.isRunning();
    }

    @Override
    public int getPhase() {
        return ReaderPhase.PHASE;
    }
}
