package io.tributary.gateway.streams;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What an operator watches of Durable Streams on one gateway: the streams it holds, operations held back
 * for a fork's source, the requests it wrote by kind and answer, how long a write took from the request
 * to its verdict, and the tombstones it wrote to keep {@code streams.log} small.
 */
final class StreamMetrics {

    private final MeterRegistry registry;
    private final Timer writes;
    private final Counter tombstonesWritten;
    private final Counter tombstonesFailed;

    StreamMetrics(MeterRegistry registry, StreamRegistry streams) {
        this.registry = registry;
        Gauge.builder("tributary.gateway.durable.streams", streams, StreamRegistry::size)
                .description("Durable Streams this gateway holds (live or soft-deleted paths)")
                .register(registry);
        Gauge.builder("tributary.gateway.durable.streams.parked", streams, StreamRegistry::parked)
                .description("Operations of streams.log held back until a fork's source is read")
                .register(registry);
        this.writes = Timer.builder("tributary.gateway.durable.streams.write")
                .description("From a Durable Streams write request to its verdict: the write to streams.log and its read-back")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofSeconds(1))
                .register(registry);
        this.tombstonesWritten = Counter.builder("tributary.gateway.durable.streams.tombstones")
                .tag("outcome", "written").description("Tombstones written to streams.log").register(registry);
        this.tombstonesFailed = Counter.builder("tributary.gateway.durable.streams.tombstones")
                .tag("outcome", "failed").description("Tombstones written to streams.log").register(registry);
    }

    /** A request this gateway wrote, by operation and the status it answered. */
    void written(String kind, int status, long nanos) {
        registry.counter("tributary.gateway.durable.streams.operations", "kind", kind, "status", Integer.toString(status))
                .increment();
        writes.record(Duration.ofNanos(nanos));
    }

    void tombstones(int written, int failed) {
        tombstonesWritten.increment(written);
        tombstonesFailed.increment(failed);
    }
}
