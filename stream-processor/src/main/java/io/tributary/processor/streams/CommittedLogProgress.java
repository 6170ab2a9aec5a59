package io.tributary.processor.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tributary.processor.sweep.LogProgress;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@link LogProgress} from the broker: every {@code interval} it notes the time, reads the committed end
 * of each partition ({@code read_committed}: what the application can consume), then the offsets the
 * application's group has committed. A partition has processed everything written before time T when
 * its committed offset has reached the end read at T. The last few snapshots are kept, so that a
 * processor that keeps up with a busy partition (whose end moves on while it catches up) is seen as
 * caught up with a slightly older snapshot rather than never.
 */
public final class CommittedLogProgress implements LogProgress, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommittedLogProgress.class);
    private static final int SNAPSHOTS_KEPT = 10;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final String groupId;
    private final String topic;
    private final Duration interval;
    private final Clock clock;
    private final Deque<Snapshot> snapshots = new ArrayDeque<>();
    private volatile Map<Integer, Instant> processedWrittenBefore = Map.of();
    /** The topic's partitions, read once: their number does not change under a running application. */
    private volatile List<TopicPartition> partitions = List.of();
    private ScheduledExecutorService timer;

    /** The ends of the topic's partitions, read at {@code at}. */
    private record Snapshot(Instant at, Map<TopicPartition, Long> ends) {
    }

    /**
     * @param groupId the application id of the Kafka Streams application (its consumer group)
     * @param interval how often the offsets are read: a bound on how stale the answer is
     */
    public CommittedLogProgress(Admin admin, String groupId, String topic, Duration interval, Clock clock) {
        this.admin = admin;
        this.groupId = groupId;
        this.topic = topic;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public boolean hasProcessedWrittenBefore(int partition, Instant time) {
        Instant caughtUpTo = processedWrittenBefore.get(partition);
        return caughtUpTo != null && !caughtUpTo.isBefore(time);
    }

    /** Reads the ends and the committed offsets once; public for the integration test. */
    public void refresh() throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> partitions = partitions();
        Instant at = clock.instant();
        Map<TopicPartition, Long> ends = admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())),
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        synchronized (snapshots) {
            snapshots.addLast(new Snapshot(at, ends));
            while (snapshots.size() > SNAPSHOTS_KEPT) {
                snapshots.removeFirst();
            }
            Map<Integer, Instant> caughtUp = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long position = offset == null ? 0 : offset.offset();
                for (Snapshot snapshot : snapshots) {
                    if (position >= snapshot.ends().getOrDefault(partition, Long.MAX_VALUE)) {
                        caughtUp.put(partition.partition(), snapshot.at());
                    }
                }
            }
            processedWrittenBefore = Map.copyOf(caughtUp);
        }
    }

    private List<TopicPartition> partitions() throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            List<TopicPartitionInfo> infos = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions();
            partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        }
        return partitions;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (ExecutionException | TimeoutException e) {
            // The sweeper waits meanwhile (nothing is caught up later than the last good read); a broker
            // away for a moment delays an orphan's end, never makes it wrong.
            log.debug("Could not read the progress on {}: {}", topic, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "log-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        admin.close(CALL_TIMEOUT);
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
