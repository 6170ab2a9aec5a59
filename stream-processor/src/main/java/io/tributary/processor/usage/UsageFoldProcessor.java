package io.tributary.processor.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tributary.processor.cloudevents.ProcessorCloudEvents;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobUsage;
import io.tributary.schema.UsageWindow;
import io.tributary.schema.UsageWindowKind;
import io.tributary.schema.topic.RecordKeys;
import io.tributary.schema.usage.UsageWindowSizes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Folds each job's events into its usage figures ({@value UsageTopology#JOB_STORE}) and, at its terminal
 * event, adds the job to its minute, hour and day windows ({@value UsageTopology#WINDOW_STORE}),
 * forwarding each window's new figures. A window is open until the task's stream time passes its end
 * plus the grace; then its figures are forwarded once more, marked closed, and it leaves the store. A
 * job that ends in a window already closed is not counted there (counted as late instead), so a closed
 * window's figures never change.
 *
 * <p>Nothing is repartitioned: a task counts the jobs of its own {@code jobs.deltas} partition, and its
 * windows carry the partition in their key. What a task does then depends only on that partition's
 * records in log order (its stream time included), so a recomputation from the start of the log under
 * a new application id gives the same figures, window by window, as the live one.
 */
final class UsageFoldProcessor implements Processor<String, JobEvent, String, UsageWindow> {

    private final Duration grace;
    private final Duration closeCheckInterval;
    private final JobUsageFold fold;
    private final UsageMetrics metrics;
    private @Nullable ProcessorContext<String, UsageWindow> context;
    private @Nullable KeyValueStore<String, JobUsage> jobs;
    private @Nullable KeyValueStore<String, UsageWindow> windows;

    UsageFoldProcessor(Duration grace, Duration closeCheckInterval, JobUsageFold fold, UsageMetrics metrics) {
        this.grace = grace;
        this.closeCheckInterval = closeCheckInterval;
        this.fold = fold;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, UsageWindow> context) {
        this.context = context;
        this.jobs = context.getStateStore(UsageTopology.JOB_STORE);
        this.windows = context.getStateStore(UsageTopology.WINDOW_STORE);
        context.schedule(closeCheckInterval, PunctuationType.STREAM_TIME, this::closeWindows);
    }

    @Override
    public void process(Record<String, JobEvent> record) {
        JobEvent event = record.value();
        String jobId = record.key();
        if (event == null || jobId == null) {
            return;
        }
        KeyValueStore<String, JobUsage> store = jobs();
        if (event.getType() == JobEventType.STARTED) {
            JobUsage started = store.get(jobId) == null ? JobUsageFold.start(event) : null;
            if (started != null) {
                store.put(jobId, started);
            }
            return;
        }
        JobUsage job = store.get(jobId);
        if (job == null || !fold.apply(job, event)) {
            return;
        }
        if (JobUsageFold.isTerminal(event)) {
            store.delete(jobId);
            count(job, event, record.timestamp());
        } else {
            store.put(jobId, job);
        }
    }

    private void count(JobUsage job, JobEvent terminal, long timestamp) {
        ProcessorContext<String, UsageWindow> ctx = context();
        int partition = ctx.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        long streamTime = ctx.currentStreamTimeMs();
        Instant endedAt = terminal.getTimestamp();
        metrics.jobCounted(terminal.getType());
        for (UsageWindowKind kind : UsageWindows.KINDS) {
            Instant start = UsageWindowSizes.start(kind, endedAt);
            if (isClosed(start.plus(UsageWindowSizes.size(kind)), streamTime)) {
                metrics.lateJob(kind);
                continue;
            }
            String key = RecordKeys.usageWindow(kind, start, partition, job.getUserId(), job.getModel());
            UsageWindow window = windows().get(key);
            if (window == null) {
                window = UsageWindows.empty(kind, start, partition, job.getUserId(), job.getModel());
            }
            UsageWindows.add(window, job, terminal.getType(), endedAt);
            windows().put(key, window);
            ctx.forward(new Record<>(key, window, timestamp, ProcessorCloudEvents.usageWindow(key, window, timestamp)));
        }
    }

    /** Forwards every window whose grace has passed once more, closed, and forgets it. */
    private void closeWindows(long streamTime) {
        List<KeyValue<String, UsageWindow>> closing = new ArrayList<>();
        try (KeyValueIterator<String, UsageWindow> all = windows().all()) {
            all.forEachRemaining(entry -> {
                if (isClosed(entry.value.getEnd(), streamTime)) {
                    closing.add(entry);
                }
            });
        }
        for (KeyValue<String, UsageWindow> entry : closing) {
            entry.value.setClosed(true);
            context().forward(new Record<>(entry.key, entry.value, streamTime,
                    ProcessorCloudEvents.usageWindow(entry.key, entry.value, streamTime)));
            windows().delete(entry.key);
        }
    }

    private boolean isClosed(Instant windowEnd, long streamTime) {
        return windowEnd.toEpochMilli() + grace.toMillis() <= streamTime;
    }

    private ProcessorContext<String, UsageWindow> context() {
        if (context == null) {
            throw new IllegalStateException("Not initialized");
        }
        return context;
    }

    private KeyValueStore<String, JobUsage> jobs() {
        if (jobs == null) {
            throw new IllegalStateException("Not initialized");
        }
        return jobs;
    }

    private KeyValueStore<String, UsageWindow> windows() {
        if (windows == null) {
            throw new IllegalStateException("Not initialized");
        }
        return windows;
    }
}
