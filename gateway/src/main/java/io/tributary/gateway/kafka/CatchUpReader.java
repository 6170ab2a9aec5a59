package io.tributary.gateway.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
        return CompletableFuture.supplyAsync(() -> readWithPooledConsumer(jobId, partition, fromOffset, untilOffset),
                readers);
    }

    /** How many reads are running or waiting for a reader. */
    public int inFlight() {
        return inFlight.get();
    }

    private List<LoggedEvent> readWithPooledConsumer(String jobId, int partition, long from, long until) {
        inFlight.incrementAndGet();
        // One consumer per thread of the pool, so there is always one idle here.
        KafkaConsumer<String, byte[]> consumer = idle.remove();
        try {
            return read(consumer, jobId, new TopicPartition(topic, partition), from, until);
        } finally {
            idle.add(consumer);
            inFlight.decrementAndGet();
        }
    }

    private List<LoggedEvent> read(KafkaConsumer<String, byte[]> consumer, String jobId, TopicPartition partition,
            long from, long until) {
        Instant deadline = clock.instant().plus(timeout);
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        List<LoggedEvent> events = new ArrayList<>();
        // read_committed positions skip transaction markers, so "reached" is position >= until.
        while (consumer.position(partition) < until) {
            if (clock.instant().isAfter(deadline)) {
                throw new TimeoutException("Reading " + partition + " from " + from + " to " + until
                        + " took longer than " + timeout);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL).records(partition)) {
                if (record.offset() < until && jobId.equals(record.key())) {
                    LoggedEvent event = LoggedEvent.decode(record);
                    if (event != null) {
                        events.add(event);
                    }
                }
            }
        }
        log.debug("Read {} events of job {} from {} [{}, {})", events.size(), jobId, partition, from, until);
        return events;
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
