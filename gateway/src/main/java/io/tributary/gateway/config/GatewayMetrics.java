package io.tributary.gateway.config;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;

/**
 * The gateway's own meters, on {@code /actuator/prometheus}:
 * {@code tributary_gateway_viewers} (open SSE streams), {@code tributary_gateway_timelines} (jobs held
 * in memory), {@code tributary_gateway_resumes_total} (attaches by event id) and
 * {@code tributary_gateway_catch_up_reads_total} (history reads from Kafka, with
 * {@code tributary_gateway_catch_up_reads_in_flight}).
 */
public final class GatewayMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger viewers = new AtomicInteger();
    private final Counter resumes;
    private final Counter catchUpReads;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("tributary.gateway.viewers", viewers, AtomicInteger::get)
                .description("Open SSE streams of jobs on this gateway")
                .register(registry);
        this.resumes = Counter.builder("tributary.gateway.resumes")
                .description("Streams attached with an event id (Last-Event-ID, lastEventId)")
                .register(registry);
        this.catchUpReads = Counter.builder("tributary.gateway.catch.up.reads")
                .description("Reads of jobs.deltas by offset, for history the live tail does not hold")
                .register(registry);
    }

    public Counter resumes() {
        return resumes;
    }

    public Counter catchUpReads() {
        return catchUpReads;
    }

    /** Counts the stream as an open viewer from subscription to its end, whatever ends it. */
    public <T> Flux<T> countViewer(Flux<T> stream) {
        return Flux.defer(() -> {
            viewers.incrementAndGet();
            return stream.doFinally(signal -> viewers.decrementAndGet());
        });
    }

    public int viewers() {
        return viewers.get();
    }

    void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }
}
