package io.tributary.gateway.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.tributary.schema.JobState;
import io.tributary.schema.serde.AvroSerde;
import io.tributary.schema.serde.AvroSerdes;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * The gateway's copy of {@code jobs.state}: one consumer of all partitions (assigned, no group,
 * read_committed) that reads the compacted topic from the beginning and keeps the latest state of each
 * job, indexed by user ({@link JobStates}); a tombstone removes the job. It is ready once it has read up to the end offsets it found at
 * start-up; until then a missing job proves nothing, so the gateway reports DOWN and does not answer 404.
 */
public final class JobStateView implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobStateView.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final KafkaClients clients;
    private final Clock clock;
    private final Duration startTimeout;
    private final String topic = Topics.JOB_STATE.name();
    private final AvroSerde<JobState> serde = AvroSerdes.jobState();
    private final PollingThread thread = new PollingThread("tributary-job-state-view", BACKOFF, POLL.plusSeconds(5));

    private final JobStates jobs = new JobStates();
    private final JobArrivals arrivals;
    private final CompletableFuture<Boolean> ready = new CompletableFuture<>();

    public JobStateView(KafkaClients clients, Clock clock, Duration startTimeout, JobArrivals arrivals) {
        this.clients = clients;
        this.arrivals = arrivals;
        this.clock = clock;
        this.startTimeout = startTimeout;
    }

    /** The job's latest state as far as this gateway has read. */
    public Optional<JobState> get(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    /** The user's jobs as far as this gateway has read, newest first; found by user, not by a scan. */
    public List<JobState> ofUser(String userId) {
        return jobs.ofUser(userId);
    }

    /** Whether the view has read everything that was on the topic when the gateway started. */
    public boolean isReady() {
        return ready.isDone();
    }

    /** Completes with true once ready, with false if that takes longer than {@code wait}. */
    public Mono<Boolean> awaitReady(Duration wait) {
        return Mono.fromFuture(ready, true).timeout(wait, Mono.just(false));
    }

    /** How many jobs the view holds. */
    public int size() {
        return jobs.size();
    }

    @Override
    public void start() {
        KafkaConsumer<String, byte[]> created = clients.consumer("state", "earliest");
        Map<TopicPartition, Long> ends;
        try {
            List<TopicPartition> partitions = Partitions.of(created, topic, startTimeout, clock);
            created.assign(partitions);
            created.seekToBeginning(partitions);
            ends = created.endOffsets(partitions, startTimeout);
        } catch (RuntimeException e) {
            created.close();
            throw e;
        }
        thread.start(created, consumer -> {
            markReadyIfCaughtUp(consumer, ends);
            apply(consumer.poll(POLL));
        });
    }

    private void markReadyIfCaughtUp(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        if (ready.isDone()) {
            return;
        }
        boolean caughtUp = ends.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        if (caughtUp) {
            log.info("Job state view caught up with {}: {} jobs", topic, jobs.size());
            ready.complete(true);
        }
    }

    private void apply(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            String jobId = record.key();
            if (jobId == null) {
                continue;
            }
            if (record.value() == null) {
                jobs.remove(jobId);
                continue;
            }
            JobState state = decode(record);
            if (state != null) {
                jobs.put(state);
                arrivals.arrived(jobId);
            }
        }
    }

    private @Nullable JobState decode(ConsumerRecord<String, byte[]> record) {
        try {
            return serde.fromBytes(record.value());
        } catch (SerializationException e) {
            log.warn("Skipping unreadable job state {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
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
