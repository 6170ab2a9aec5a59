package io.tributary.processor.usage;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.schema.JobEventType;
import io.tributary.schema.UsageWindowKind;

/** What the usage analytics count: jobs folded into windows, and jobs too late for a closed window. */
public final class UsageMetrics {

    private final MeterRegistry registry;

    public UsageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void jobCounted(JobEventType outcome) {
        Counter.builder("tributary.usage.jobs")
                .description("Finished jobs added to their usage windows")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    void lateJob(UsageWindowKind kind) {
        Counter.builder("tributary.usage.late.jobs")
                .description("Finished jobs not counted in a window because its grace had passed")
                .tag("window", kind.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }
}
