package io.tributary.gateway.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Finds the records of a topic that a time window holds: each partition from the first record at or
 * after the window's start ({@code offsetsForTimes}) to the first at or after its end, keeping those a
 * filter wants (the filter should look at headers before it decodes anything). A scan reads at most a
 * budget of records and keeps at most a page; it then says where each partition stopped, and the next
 * scan resumes there. So no request reads without bound, however wide the window. Used to list jobs by
 * the time they started ({@code jobs.deltas} keeps them for days after {@code jobs.state} has let them
 * go) and auditors' access records.
 *
 * <p>One consumer, used by one scan at a time (scans are rare, and this bounds what they take); a scan
 * that would wait more than a few seconds for another is refused ({@link ScanBusyException}).
 */
public final class TopicWindowScan implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LOOKUP = Duration.ofSeconds(10);
    /** How long a scan waits for the one before it; then the request is a 503 rather than a blocked thread. */
    private static final Duration BUSY_WAIT = Duration.ofSeconds(5);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Clock clock;
    private final Duration timeout;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * What one scan found.
     *
     * @param records the records kept, in each partition's log order
     * @param resumeAt where each partition not read to the window's end stopped; empty when the window
     *     has been read whole
     * @param scanned how many records the scan read
     */
    public record Page(List<ConsumerRecord<String, byte[]>> records, Map<Integer, Long> resumeAt, long scanned) {
    }

    /**
     * @param role names the scan's consumer
     * @param timeout how long one scan may read; it then stops where it is, as at the budget
     */
    public TopicWindowScan(KafkaClients clients, String topic, String role, Clock clock, Duration timeout) {
        this.topic = topic;
        this.consumer = clients.catchUpConsumer(role);
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * @param from the window's start, included
     * @param to the window's end, excluded
     * @param resumeAt where an earlier scan of the same window stopped, by partition; null for the start
     * @param wanted which records to keep
     * @param limit how many records to keep at most
     * @param budget how many records at most
     */
    public Page scan(Instant from, Instant to, @Nullable Map<Integer, Long> resumeAt,
            Predicate<ConsumerRecord<String, byte[]>> wanted, int limit, long budget) {
        try {
            if (!lock.tryLock(BUSY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ScanBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScanBusyException();
        }
        try {
            return scanLocked(from, to, resumeAt, wanted, limit, budget);
        } finally {
            consumer.assign(List.of());
            lock.unlock();
        }
    }

    private Page scanLocked(Instant from, Instant to, @Nullable Map<Integer, Long> resumeAt,
            Predicate<ConsumerRecord<String, byte[]>> wanted, int limit, long budget) {
        List<TopicPartition> partitions = Partitions.of(consumer, topic, LOOKUP, clock);
        // The log's ends once per scan: where a window bound lies past the last record.
        Map<TopicPartition, Long> logEnds = consumer.endOffsets(partitions, LOOKUP);
        Map<TopicPartition, Long> ends = offsetsAt(partitions, to, logEnds);
        Map<TopicPartition, Long> starts = offsetsAt(partitions, from, logEnds);
        // A cursor never reaches outside the window, whatever it says.
        Map<TopicPartition, Long> positions = resumeAt == null ? starts : resumed(partitions, resumeAt, starts, ends);
        List<TopicPartition> open = partitions.stream().filter(tp -> positions.get(tp) < ends.get(tp)).toList();
        consumer.assign(open);
        open.forEach(tp -> consumer.seek(tp, positions.get(tp)));
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        long scanned = 0;
        Instant deadline = clock.instant().plus(timeout);
        boolean stop = false;
        while (!stop && clock.instant().isBefore(deadline) && unfinished(open, positions, ends)) {
            ConsumerRecords<String, byte[]> batch = consumer.poll(POLL);
            for (TopicPartition tp : batch.partitions()) {
                for (ConsumerRecord<String, byte[]> record : batch.records(tp)) {
                    if (stop) {
                        break;
                    }
                    if (record.offset() >= ends.get(tp)) {
                        finish(tp, ends, positions);
                        break;
                    }
                    scanned++;
                    positions.put(tp, record.offset() + 1);
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                    stop = found.size() >= limit || scanned >= budget;
                }
            }
            if (!stop) {
                // Every record polled was looked at: past the last one there may be transaction markers
                // or aborted records, which the consumer's position has moved over.
                for (TopicPartition tp : open) {
                    if (positions.get(tp) < ends.get(tp)) {
                        positions.put(tp, Math.max(positions.get(tp), Math.min(consumer.position(tp), ends.get(tp))));
                    }
                    if (positions.get(tp) >= ends.get(tp)) {
                        finish(tp, ends, positions);
                    }
                }
            }
        }
        Map<Integer, Long> stopped = new HashMap<>();
        for (TopicPartition tp : partitions) {
            if (positions.get(tp) < ends.get(tp)) {
                stopped.put(tp.partition(), positions.get(tp));
            }
        }
        return new Page(found, stopped, scanned);
    }

    /** The partition is read to the window's end: no more fetching from it for this scan. */
    private void finish(TopicPartition tp, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> positions) {
        positions.put(tp, ends.get(tp));
        consumer.pause(List.of(tp));
    }

    private static boolean unfinished(List<TopicPartition> open, Map<TopicPartition, Long> positions,
            Map<TopicPartition, Long> ends) {
        return open.stream().anyMatch(tp -> positions.get(tp) < ends.get(tp));
    }

    /** The first offset at or after the time in each partition; the end of the log where none is. */
    private Map<TopicPartition, Long> offsetsAt(List<TopicPartition> partitions, Instant time,
            Map<TopicPartition, Long> logEnds) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, LOOKUP);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            offsets.put(tp, at == null ? logEnds.get(tp) : at.offset());
        }
        return offsets;
    }

    /**
     * An earlier scan's positions, held within the window; a partition it had finished starts at the
     * window's end.
     */
    private static Map<TopicPartition, Long> resumed(List<TopicPartition> partitions, Map<Integer, Long> resumeAt,
            Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long at = resumeAt.get(tp.partition());
            positions.put(tp, at == null ? ends.get(tp) : Math.min(Math.max(at, starts.get(tp)), ends.get(tp)));
        }
        return positions;
    }

    /** Another scan holds the consumer for longer than a request should wait. */
    public static final class ScanBusyException extends RuntimeException {

        ScanBusyException() {
            super("Another listing is being read; retry in a moment");
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
