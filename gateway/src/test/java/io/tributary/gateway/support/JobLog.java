package io.tributary.gateway.support;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.LogPosition;
import io.tributary.schema.fold.JobFold;
import io.tributary.schema.serde.AvroSerdes;
import io.tributary.schema.topic.JobEventHeaders;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Writes jobs to a real broker as the ingest and the processor would: each event to {@code jobs.deltas}
 * with its type header,
 * and the state folded by {@link JobFold} after it to {@code jobs.state}, stamped with the position the
 * broker gave the event. A test may hold the states back, as a lagging processor would.
 */
public final class JobLog implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, JobFold> folds = new HashMap<>();

    public JobLog(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Appends the events and publishes the state after each. */
    public void append(JobEvent... events) {
        for (JobEvent event : events) {
            appendWithoutState(event);
            publishState(event.getJobId());
        }
    }

    /** Appends the events; their states are not published (the processor lags). */
    public void appendWithoutState(JobEvent... events) {
        for (JobEvent event : events) {
            RecordMetadata written = send(new ProducerRecord<>(Topics.JOB_DELTAS.name(), null, event.getJobId(),
                    AvroSerdes.jobEvent().toBytes(event), JobEventHeaders.of(event, JobEventHeaders.INGEST_SOURCE)));
            folds.computeIfAbsent(event.getJobId(), JobFold::empty)
                    .apply(event, new LogPosition(written.partition(), written.offset()));
        }
    }

    /** Publishes the job's state as folded so far. */
    public void publishState(String jobId) {
        send(Topics.JOB_STATE.name(), jobId, AvroSerdes.jobState().toBytes(state(jobId)));
    }

    /** Removes the job from {@code jobs.state}, as the processor does once its retention is over. */
    public void tombstone(String jobId) {
        send(Topics.JOB_STATE.name(), jobId, null);
    }

    /** The partition of {@code jobs.deltas} that holds the job's events. */
    public int partition(String jobId) {
        return state(jobId).getLastPosition().getPartition();
    }

    public JobState state(String jobId) {
        JobState state = folds.get(jobId).toState();
        if (state == null) {
            throw new IllegalStateException("Job " + jobId + " has not started");
        }
        return state;
    }

    private RecordMetadata send(String topic, String key, byte @Nullable [] value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
