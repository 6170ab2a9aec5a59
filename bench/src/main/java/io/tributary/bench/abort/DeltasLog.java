package io.tributary.bench.abort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.schema.JobEvent;
import io.tributary.schema.serde.AvroSerde;
import io.tributary.schema.serde.AvroSerdes;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code jobs.deltas} as any other reader of the log does, from its end at the time it starts, and
 * keeps every job's events (by key, the job id) with {@link System#nanoTime()} at receipt: a job's id is
 * known only once its start has answered, when its first event may already have been read. {@code read_committed}, as the gateway and the processor read: an event counts as on the log
 * when the readers that serve it can see it (the ingest writes without transactions, so this waits for
 * nothing more than the high watermark unless a processor transaction is open on the partition).
 */
final class DeltasLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeltasLog.class);
    private static final AvroSerde<JobEvent> SERDE = AvroSerdes.jobEvent();
    private static final Duration POLL = Duration.ofMillis(100);

    /** One event as the bench read it. */
    record Received(JobEvent event, long receivedNanos) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<Received>> byJob = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private DeltasLog(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
        this.thread = new Thread(this::loop, "bench-deltas-log");
        this.thread.setDaemon(true);
    }

    /** Positions a consumer at the end of every partition (before it returns) and starts reading. */
    static DeltasLog start(String bootstrapServers) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-abort-" + UUID.randomUUID().toString().substring(0, 8));
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings);
        String topic = Topics.JOB_DELTAS.name();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end now: a job started after this returns is read from its first event.
        partitions.forEach(consumer::position);
        DeltasLog deltas = new DeltasLog(consumer);
        deltas.thread.start();
        return deltas;
    }

    /** The job's events read so far, in log order. */
    List<Received> events(String jobId) {
        List<Received> events = byJob.get(jobId);
        if (events == null) {
            return List.of();
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    long received = System.nanoTime();
                    JobEvent event = record.key() == null ? null : SERDE.fromBytes(record.value());
                    if (event != null) {
                        List<Received> events = byJob.computeIfAbsent(record.key(), key -> new ArrayList<>());
                        synchronized (events) {
                            events.add(new Received(event, received));
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke us.
        } catch (RuntimeException e) {
            log.error("Reading jobs.deltas failed; the abort figures will miss events", e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
