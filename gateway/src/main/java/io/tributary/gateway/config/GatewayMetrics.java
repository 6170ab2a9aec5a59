package io.tributary.gateway.config;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.support.metrics.HopTimers;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Flux;

/**
 * The gateway's own meters, on {@code /actuator/prometheus}:
 * {@code tributary_gateway_viewers} (open SSE streams), {@code tributary_gateway_timelines} (jobs held
 * in memory), {@code tributary_gateway_resumes_total} (attaches by event id) and
 * {@code tributary_gateway_catch_up_reads_total} (history reads from Kafka, with
 * {@code tributary_gateway_catch_up_reads_in_flight}) and
 * {@code tributary_gateway_aborts_requested_total} (abort requests of a user's own job, by
 * {@code outcome}: {@code sent} when the command was acknowledged on {@code jobs.control},
 * {@code not_streaming} when the job had already ended, {@code unavailable} when Kafka did not take it) and
 * {@code tributary_gateway_streams_refused_total} (SSE streams refused with a 429 because their user
 * already held {@code tributary.gateway.max-streams-per-user} open on this gateway).
 *
 * <p>Per-hop timers, with percentile histograms and the latency SLO buckets of the bench:
 * {@code tributary_gateway_tail_receipt_seconds} (a {@code jobs.deltas} record's timestamp, when the
 * ingest produced it, to the live tail receiving it; it assumes that the hosts' clocks agree, and a
 * clock ahead of this one counts as zero) and {@code tributary_gateway_delivery_seconds} (the gateway
 * receiving an event to its message leaving the viewer's buffer for the viewer's response, per viewer).
 * {@code tributary_gateway_tail_lag} is the live tail's consumer lag: records behind the end of the log,
 * summed over partitions, as of its last poll.
 */
public final class GatewayMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger viewers = new AtomicInteger();
    private final Counter resumes;
    private final Counter catchUpReads;
    private final Counter streamsRefused;
    private final Timer tailReceipts;
    private final Timer deliveries;
    private final Map<AbortOutcome, Counter> aborts = new EnumMap<>(AbortOutcome.class);

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
        this.streamsRefused = Counter.builder("tributary.gateway.streams.refused")
                .description("SSE streams (jobs and notification feeds) refused because the user held too many open")
                .register(registry);
        this.tailReceipts = hopTimer("tributary.gateway.tail.receipt",
                "From a jobs.deltas record's timestamp to the live tail receiving it (assumes synchronised clocks)");
        this.deliveries = hopTimer("tributary.gateway.delivery",
                "From the gateway receiving an event to its message leaving the viewer's buffer for its response");
        for (AbortOutcome outcome : AbortOutcome.values()) {
            aborts.put(outcome, Counter.builder("tributary.gateway.aborts.requested")
                    .description("Abort requests of a user's own job, by outcome")
                    .tag("outcome", outcome.tag())
                    .register(registry));
        }
    }

    /** Outcomes of an abort request, as the {@code outcome} tag of the aborts counter. */
    public enum AbortOutcome {
        SENT, NOT_STREAMING, UNAVAILABLE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Timer hopTimer(String name, String description) {
        return HopTimers.register(name, description, registry);
    }

    public Timer tailReceipts() {
        return tailReceipts;
    }

    public Timer deliveries() {
        return deliveries;
    }

    public void abortRequested(AbortOutcome outcome) {
        aborts.get(outcome).increment();
    }

    public Counter resumes() {
        return resumes;
    }

    public Counter catchUpReads() {
        return catchUpReads;
    }

    public Counter streamsRefused() {
        return streamsRefused;
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
