package io.tributary.processor.sweep;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

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
 */
public final class SweepMetrics {

    private final Map<OrphanCause, Counter> orphansEnded = new EnumMap<>(OrphanCause.class);
    private final Counter timeoutsRequested;
    private final Counter timeoutsEscalated;
    private final Counter jobsRetired;

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
