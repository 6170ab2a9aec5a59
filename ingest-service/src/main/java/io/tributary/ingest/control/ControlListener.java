package io.tributary.ingest.control;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.tributary.schema.JobCommand;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code jobs.control} on a thread of its own and applies each command to the job it names
 * ({@link JobCommands}). One consumer reads every partition, without a consumer group: every
 * instance must see every command, since only the one running the job acts on it. It starts at the
 * end of each partition (a command written before this instance started names no job of it) and
 * reads committed records only. The start returns once those positions are fixed, so any command
 * written after the instance is up is seen.
 */
public final class ControlListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ControlListener.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<Consumer<String, JobCommand>> consumers;
    private final JobCommands commands;
    private volatile CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running;
    private volatile @Nullable Consumer<String, JobCommand> consumer;
    private @Nullable Thread thread;

    /**
     * @param consumers makes the consumer: no group, no auto commit, {@code read_committed}, the
     *     serdes of {@link Topics#JOB_CONTROL}
     */
    public ControlListener(Supplier<Consumer<String, JobCommand>> consumers, JobCommands commands) {
        this.consumers = consumers;
        this.commands = commands;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        positioned = new CountDownLatch(1);
        Thread reader = new Thread(this::run, "ingest-control");
        reader.setDaemon(true);
        thread = reader;
        reader.start();
        try {
            if (!positioned.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("jobs.control is not readable yet; abort and timeout commands apply once it is");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        CountDownLatch positioned = this.positioned;
        try (Consumer<String, JobCommand> reader = consumers.get()) {
            consumer = reader;
            if (!running) {
                return;
            }
            assignAllAtTheEnd(reader);
            positioned.countDown();
            while (running) {
                poll(reader);
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up to end this loop.
        } catch (RuntimeException e) {
            log.error("The reader of jobs.control stopped; abort and timeout commands no longer reach this "
                    + "instance's jobs", e);
        } finally {
            consumer = null;
            positioned.countDown();
        }
    }

    private void assignAllAtTheEnd(Consumer<String, JobCommand> reader) {
        List<PartitionInfo> infos = List.of();
        while (running && infos.isEmpty()) {
            try {
                infos = reader.partitionsFor(Topics.JOB_CONTROL.name());
            } catch (TimeoutException e) {
                log.warn("The partitions of {} are unknown yet: {}", Topics.JOB_CONTROL.name(), e.toString());
            }
            if (infos.isEmpty()) {
                sleep(POLL_TIMEOUT);
            }
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        reader.assign(partitions);
        reader.seekToEnd(partitions);
        // seekToEnd is lazy: ask for the positions now, so that "the end" is the end at start-up.
        partitions.forEach(reader::position);
        log.info("Reading commands from {} partition(s) of {}", partitions.size(), Topics.JOB_CONTROL.name());
    }

    private void poll(Consumer<String, JobCommand> reader) {
        try {
            for (ConsumerRecord<String, JobCommand> record : reader.poll(POLL_TIMEOUT)) {
                if (record.value() != null) {
                    applySafely(record.value());
                }
            }
        } catch (RecordDeserializationException e) {
            // A command this version cannot read is skipped, never a reason to stop reading the others.
            log.warn("Skipped an unreadable command at {} offset {}", e.topicPartition(), e.offset(), e);
            reader.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    private void applySafely(JobCommand command) {
        try {
            commands.apply(command);
        } catch (RuntimeException e) {
            log.error("Could not apply a {} command to job {}", command.getType(), command.getJobId(), e);
        }
    }

    @Override
    public void stop() {
        Thread reader;
        synchronized (this) {
            running = false;
            reader = thread;
            thread = null;
        }
        Consumer<String, JobCommand> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(JOIN_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the web server takes requests, so a job started at once can be aborted at once. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
