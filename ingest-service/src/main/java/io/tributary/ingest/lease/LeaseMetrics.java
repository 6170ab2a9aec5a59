package io.tributary.ingest.lease;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The lease meters: {@code tributary.ingest.lease.renewals} (by result: acknowledged, failed),
 * {@code tributary.ingest.lease.fenced} (times this instance stopped itself) and the gauge
 * {@code tributary.ingest.lease.valid} (1 while the instance holds a lease it may write under).
 * Alert on {@code fenced} and on {@code valid} at 0.
 */
public final class LeaseMetrics {

    private final MeterRegistry meters;
    private final Counter acknowledged;
    private final Counter failed;
    private final Counter fenced;

    public LeaseMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.acknowledged = renewals(meters, "acknowledged");
        this.failed = renewals(meters, "failed");
        this.fenced = Counter.builder("tributary.ingest.lease.fenced")
                .description("Times this instance stopped writing because it could not renew its lease in time")
                .register(meters);
    }

    private static Counter renewals(MeterRegistry meters, String result) {
        return Counter.builder("tributary.ingest.lease.renewals")
                .description("Lease renewals written, by result")
                .tag("result", result)
                .register(meters);
    }

    void watch(LeasePublisher lease) {
        Gauge.builder("tributary.ingest.lease.valid", lease, held -> held.activeInstanceId().isPresent() ? 1 : 0)
                .description("1 while this instance holds a valid liveness lease and may start and write jobs")
                .register(meters);
    }

    void renewed() {
        acknowledged.increment();
    }

    void renewalFailed() {
        failed.increment();
    }

    void fenced() {
        fenced.increment();
    }
}
