package io.tributary.gateway.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.tributary.gateway.timeline.HistoryReads;
import io.tributary.gateway.timeline.LoggedEvent;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small, fixed pool of consumers of {@code jobs.deltas} that read one partition from an offset up to
 * a bound, keeping one job's events. It serves what the live tail does not hold: the gap between a
 * job's state and the tail's position, and a job's beginning for a resume from an old event id. The
 * pool's size bounds the history reads in flight; further reads queue, whatever the number of viewers.
 *
 * <p>Reads of one partition that wait at the same time are served by one scan of the partition, from
 * the lowest offset asked for to the highest bound, each getting its own job's events in its own range:
 * a storm of resumes over many jobs of few partitions reads each partition about once, not once per
 * job (jobs share partitions, so each read would otherwise scan the others' records again).
 */
public final class CatchUpReader implements HistoryReads, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatchUpReader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic = Topics.JOB_DELTAS.name();
    private final BlockingQueue<KafkaConsumer<String, byte[]>> idle;
    private final ExecutorService readers;
    private final Clock clock;
    private final Duration timeout;
    private final Counter reads;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong scans = new AtomicLong();
    /** Reads asked for and not yet taken by a reader, by partition; guarded by itself. */
    private final Map<Integer, List<PendingRead>> pending = new HashMap<>();

    public CatchUpReader(KafkaClients clients, int size, Duration timeout, Clock clock, Counter reads) {
        this.clock = clock;
        this.timeout = timeout;
        this.reads = reads;
        this.idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            idle.add(clients.catchUpConsumer("catch-up-" + i));
        }
        AtomicInteger threads = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(size, runnable -> {
            Thread thread = new Thread(runnable, "tributary-catch-up-" + threads.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Connects every reader to the leaders of the topic's partitions now, before the gateway reports
     * healthy, so that no viewer's first catch-up read pays for metadata and connections.
     */
    public void warm(Duration wait) {
        for (KafkaConsumer<String, byte[]> consumer : idle) {
            List<TopicPartition> partitions = Partitions.of(consumer, topic, wait, clock);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(partition -> consumer.position(partition, wait));
            consumer.assign(List.of());
        }
    }

    @Override
    public CompletableFuture<List<LoggedEvent>> read(String jobId, int partition, long fromOffset, long untilOffset) {
        if (fromOffset >= untilOffset) {
            return CompletableFuture.completedFuture(List.of());
        }
        reads.increment();
        inFlight.incrementAndGet();
        PendingRead read = new PendingRead(jobId, fromOffset, untilOffset, new CompletableFuture<>());
        boolean first;
        synchronized (pending) {
            List<PendingRead> ofPartition = pending.computeIfAbsent(partition, p -> new ArrayList<>());
            first = ofPartition.isEmpty();
            ofPartition.add(read);
        }
        if (first) {
            // Later reads of this partition join this one until a reader takes them all.
            readers.execute(() -> scanPending(partition));
        }
        return read.result().whenComplete((events, error) -> inFlight.decrementAndGet());
    }

    /** How many reads are running or waiting for a reader. */
    public int inFlight() {
        return inFlight.get();
    }

    /** How many scans of a partition have run: fewer than the reads when reads were served together. */
    public long scans() {
        return scans.get();
    }

    private void scanPending(int partition) {
        List<PendingRead> batch;
        synchronized (pending) {
            batch = pending.remove(partition);
        }
        if (batch == null || batch.isEmpty()) {
            return;
        }
        scans.incrementAndGet();
        // One consumer per thread of the pool, so there is always one idle here.
        KafkaConsumer<String, byte[]> consumer = idle.remove();
        try {
            scan(consumer, new TopicPartition(topic, partition), batch);
        } catch (RuntimeException e) {
            batch.forEach(read -> read.result().completeExceptionally(e));
        } finally {
            idle.add(consumer);
        }
    }

    private void scan(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, List<PendingRead> batch) {
        long from = batch.stream().mapToLong(PendingRead::from).min().orElseThrow();
        long until = batch.stream().mapToLong(PendingRead::until).max().orElseThrow();
        Map<String, List<PendingRead>> byJob = new HashMap<>();
        Map<PendingRead, List<LoggedEvent>> found = new IdentityHashMap<>();
        for (PendingRead read : batch) {
            byJob.computeIfAbsent(read.jobId(), id -> new ArrayList<>()).add(read);
            found.put(read, new ArrayList<>());
        }
        Instant deadline = clock.instant().plus(timeout);
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        // read_committed positions skip transaction markers, so "reached" is position >= until.
        while (consumer.position(partition) < until) {
            if (clock.instant().isAfter(deadline)) {
                throw new TimeoutException("Reading " + partition + " from " + from + " to " + until
                        + " took longer than " + timeout);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL).records(partition)) {
                List<PendingRead> ofJob = record.key() == null ? null : byJob.get(record.key());
                if (ofJob != null && record.offset() < until) {
                    collect(record, ofJob, found);
                }
            }
        }
        found.forEach((read, events) -> read.result().complete(events));
        log.debug("Scanned {} [{}, {}) for {} reads", partition, from, until, batch.size());
    }

    /** Decodes the record once and gives it to each read of its job whose range holds it. */
    private static void collect(ConsumerRecord<String, byte[]> record, List<PendingRead> ofJob,
            Map<PendingRead, List<LoggedEvent>> found) {
        LoggedEvent event = null;
        for (PendingRead read : ofJob) {
            if (record.offset() >= read.from() && record.offset() < read.until()) {
                if (event == null) {
                    event = LoggedEvent.decode(record);
                    if (event == null) {
                        return;
                    }
                }
                found.get(read).add(event);
            }
        }
    }

    /** One job's read of {@code [from, until)}, waiting to be served by a scan of its partition. */
    private record PendingRead(String jobId, long from, long until, CompletableFuture<List<LoggedEvent>> result) {
    }

    @Override
    public void close() {
        readers.shutdownNow();
        try {
            if (!readers.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Catch-up readers did not stop within 5s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        idle.forEach(KafkaConsumer::close);
    }
}
