package io.tributary.processor.sweep;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Counts what the sweeper does, as Micrometer counters (on {@code /actuator/prometheus}):
 * {@code tributary_processor_orphans_ended_total{cause}}, {@code tributary_processor_timeouts_requested_total},
 * {@code tributary_processor_timeouts_escalated_total} and {@code tributary_processor_jobs_retired_total}.
 *
 * <p>Micrometer rather than Kafka Streams sensors: these are business counts of the whole process,
 * wanted next to the ingest's job counters under stable names, not per thread and task; Streams'
 * sensors appear on Micrometer only after its binder's next refresh and vanish with their task on a
 * rebalance. A count is taken when the record is emitted; should that transaction abort, the redone
 * work counts again, so the counters may run slightly ahead of the log, never behind.
 *
 * <p>{@code tributary_processor_jobs_active} is the number of streaming jobs in the job-state stores of
 * this instance's tasks, as each task's last sweep counted them: the sweep reads every job anyway, so
 * the gauge costs no scan of its own and stays right across restarts and rebalances (a task's count
 * leaves with the task), at the price of trailing by up to one sweep interval.
 */
public final class SweepMetrics {

    private final Map<OrphanCause, Counter> orphansEnded = new EnumMap<>(OrphanCause.class);
    private final Counter timeoutsRequested;
    private final Counter timeoutsEscalated;
    private final Counter jobsRetired;
    private final Counter terminalsDeferred;
    private final Map<TaskId, Integer> streamingByTask = new ConcurrentHashMap<>();

    public SweepMetrics(MeterRegistry registry) {
        for (OrphanCause cause : OrphanCause.values()) {
            orphansEnded.put(cause, Counter.builder("tributary.processor.orphans.ended")
                    .description("Jobs of dead ingest instances ended as interrupted by the processor")
                    .tag("cause", cause.tag())
                    .register(registry));
        }
        timeoutsRequested = Counter.builder("tributary.processor.timeouts.requested")
                .description("TIMEOUT commands sent to live ingest instances for jobs past the maximum duration")
                .register(registry);
        timeoutsEscalated = Counter.builder("tributary.processor.timeouts.escalated")
                .description("Jobs ended as timed out by the processor after their owner ignored a TIMEOUT command")
                .register(registry);
        jobsRetired = Counter.builder("tributary.processor.jobs.retired")
                .description("Finished jobs removed from the job state after their retention")
                .register(registry);
        terminalsDeferred = Counter.builder("tributary.processor.terminals.deferred")
                .description("Sweeps that left a job for later because its partition had events not yet processed")
                .register(registry);
        Gauge.builder("tributary.processor.jobs.active", streamingByTask, SweepMetrics::sum)
                .description("Streaming jobs in this instance's job-state stores, as of each task's last sweep")
                .register(registry);
    }

    private static double sum(Map<TaskId, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A task's sweep found {@code streaming} jobs still streaming in its store. */
    void streamingJobs(TaskId task, int streaming) {
        streamingByTask.put(task, streaming);
    }

    /** A task left this instance (closed, revoked): its jobs are counted by whoever takes it over. */
    void taskClosed(TaskId task) {
        streamingByTask.remove(task);
    }

    void terminalDeferred() {
        terminalsDeferred.increment();
    }

    void orphanEnded(OrphanCause cause) {
        orphansEnded.get(cause).increment();
    }

    void timeoutRequested() {
        timeoutsRequested.increment();
    }

    void timeoutEscalated() {
        timeoutsEscalated.increment();
    }

    void jobRetired() {
        jobsRetired.increment();
    }
}
