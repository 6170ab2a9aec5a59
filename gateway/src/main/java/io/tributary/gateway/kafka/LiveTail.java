package io.tributary.gateway.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Timer;

import io.tributary.gateway.timeline.TailSubscriptions;
import io.tributary.schema.topic.JobEventHeaders;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The gateway's one consumer of {@code jobs.deltas}: all partitions by assignment (no group), from the
 * end of the log at start-up, on its own thread. It hands each record to the listener of its job, if
 * a timeline on this gateway watches the job, and skips the rest without decoding them. A record marked as
 * a job's start goes to the {@link JobDirectory} as well. The number of consumers does not grow with
 * viewers or jobs.
 *
 * <p>Exact handover: dispatching a batch and advancing the per-partition position happen under one
 * lock, and so does {@link #subscribe}. A subscriber therefore learns a position {@code P} such that
 * every record at or after {@code P} reaches it and none before does; it reads {@code [from, P)}
 * from the log itself. Listeners only enqueue (they never block), so holding the lock is short and a
 * viewer can never slow the tail down.
 *
 * <p>It times every record from its timestamp to its receipt (one clock read per poll) and keeps its
 * own lag, the records behind the end of each partition summed, after every poll: both on its own
 * thread, as the consumer is not thread-safe, and neither per viewer.
 */
public final class LiveTail implements TailSubscriptions, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveTail.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final KafkaClients clients;
    private final Clock clock;
    private final Duration startTimeout;
    private final Timer receipts;
    private final JobDirectory directory;
    private volatile long lag;
    private final String topic = Topics.JOB_DELTAS.name();
    private final PollingThread thread = new PollingThread("tributary-live-tail", BACKOFF, POLL.plusSeconds(5));

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final Map<String, Consumer<ConsumerRecord<String, byte[]>>> listeners = new HashMap<>();
    /** The next offset the tail hands out, per partition; guarded by {@link #lock}. */
    private final Map<Integer, Long> positions = new HashMap<>();

    /**
     * @param receipts times each record from its timestamp to its receipt here
     * @param directory learns of every job whose start the tail reads
     */
    public LiveTail(KafkaClients clients, Clock clock, Duration startTimeout, Timer receipts, JobDirectory directory) {
        this.clients = clients;
        this.clock = clock;
        this.startTimeout = startTimeout;
        this.receipts = receipts;
        this.directory = directory;
    }

    /** Records of the topic the tail has yet to read, summed over partitions, as of its last poll. */
    public long lag() {
        return lag;
    }

    @Override
    public long subscribe(String jobId, int partition, Consumer<ConsumerRecord<String, byte[]>> listener) {
        synchronized (lock) {
            Long position = positions.get(partition);
            if (position == null) {
                throw new IllegalStateException("The live tail does not read partition " + partition + " of " + topic);
            }
            listeners.put(jobId, listener);
            return position;
        }
    }

    @Override
    public void unsubscribe(String jobId, Consumer<ConsumerRecord<String, byte[]>> listener) {
        synchronized (lock) {
            listeners.remove(jobId, listener);
        }
    }

    /**
     * The tail's position in the partition: every record below it has been read (and handed to its
     * listeners); what a read of the log "as of now" goes up to.
     */
    public long position(int partition) {
        synchronized (lock) {
            Long position = positions.get(partition);
            if (position == null) {
                throw new IllegalStateException("The live tail does not read partition " + partition + " of " + topic);
            }
            return position;
        }
    }

    /** How many jobs the tail hands records to. */
    public int subscriptions() {
        synchronized (lock) {
            return listeners.size();
        }
    }

    /**
     * Positions itself at the end of every partition before returning, so that a subscription made as
     * soon as the application runs already has an exact position.
     */
    @Override
    public void start() {
        // "live-tail" ends its client id: the one consumer of its kind, however many viewers (see the metrics).
        KafkaConsumer<String, byte[]> created = clients.consumer("live-tail", "latest");
        List<TopicPartition> partitions;
        try {
            partitions = Partitions.of(created, topic, startTimeout, clock);
            created.assign(partitions);
            created.seekToEnd(partitions);
            synchronized (lock) {
                partitions.forEach(tp -> positions.put(tp.partition(), created.position(tp, startTimeout)));
            }
        } catch (RuntimeException e) {
            created.close();
            throw e;
        }
        thread.start(created, consumer -> {
            dispatch(consumer.poll(POLL));
            lag = lagOf(consumer, partitions);
        });
        log.info("Live tail of {} started at {}", topic, positionsSnapshot());
    }

    private void dispatch(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        long now = clock.millis();
        synchronized (lock) {
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
                for (ConsumerRecord<String, byte[]> record : batch) {
                    receipts.record(Math.max(0, now - record.timestamp()), TimeUnit.MILLISECONDS);
                    if (JobEventHeaders.isStarted(record.headers())) {
                        // Under the lock, before the position moves past it: whoever finds the job in the
                        // directory and subscribes gets a position after its start.
                        directory.onStarted(record);
                    }
                    Consumer<ConsumerRecord<String, byte[]>> listener =
                            record.key() == null ? null : listeners.get(record.key());
                    if (listener != null) {
                        listener.accept(record);
                    }
                }
                positions.put(partition.partition(), batch.get(batch.size() - 1).offset() + 1);
            }
        }
    }

    /** A partition whose end the consumer does not know yet (nothing fetched) counts as no lag. */
    private static long lagOf(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
            List<TopicPartition> partitions) {
        long sum = 0;
        for (TopicPartition partition : partitions) {
            sum += consumer.currentLag(partition).orElse(0);
        }
        return sum;
    }

    private Map<Integer, Long> positionsSnapshot() {
        synchronized (lock) {
            return Map.copyOf(positions);
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
