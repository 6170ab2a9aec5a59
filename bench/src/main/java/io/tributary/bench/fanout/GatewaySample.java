package io.tributary.bench.fanout;

import java.util.List;

import io.tributary.bench.metrics.PrometheusText;

/**
 * One look at the gateway's {@code /actuator/prometheus} and at the bench's own CPU, at the same moment.
 * NaN where the gateway did not answer or has no such series.
 *
 * @param atNanos {@link System#nanoTime()} of the look
 * @param heapBytes {@code jvm_memory_used_bytes{area="heap"}} summed over the pools
 * @param threads {@code jvm_threads_live_threads}
 * @param viewers {@code tributary_gateway_viewers}: open job streams
 * @param cpuSeconds the gateway process's CPU time so far ({@code process_cpu_time_*})
 * @param gcPauseSeconds {@code jvm_gc_pause_seconds_sum} summed over collectors and causes
 * @param gcPauseMaxSeconds {@code jvm_gc_pause_seconds_max}, the longest recent pause
 * @param machineCpu {@code system_cpu_usage}: the whole machine's CPU use, 0 to 1
 * @param tailLag {@code tributary_gateway_tail_lag}: records the live tail has yet to read
 * @param consumers client ids of the gateway's Kafka consumers ({@code kafka_consumer_*} series)
 * @param benchCpuSeconds this bench JVM's CPU time so far
 */
record GatewaySample(long atNanos, double heapBytes, double threads, double viewers, double cpuSeconds,
        double gcPauseSeconds, double gcPauseMaxSeconds, double machineCpu, double tailLag, List<String> consumers,
        double benchCpuSeconds) {

    /** The live tail's client id ends so ({@code KafkaClients}): one per gateway, whatever the viewers. */
    static final String LIVE_TAIL = "-live-tail";

    static GatewaySample of(long atNanos, PrometheusText metrics, double benchCpuSeconds) {
        return new GatewaySample(atNanos,
                metrics.sum("jvm_memory_used_bytes", series -> series.label("area").equals("heap")),
                metrics.sum("jvm_threads_live_threads"),
                metrics.sum("tributary_gateway_viewers"),
                cpuSeconds(metrics),
                metrics.sum("jvm_gc_pause_seconds_sum"),
                metrics.max("jvm_gc_pause_seconds_max"),
                metrics.sum("system_cpu_usage"),
                metrics.sum("tributary_gateway_tail_lag"),
                metrics.labelValues("kafka_consumer_", "client_id"),
                benchCpuSeconds);
    }

    /** A look at which the gateway did not answer. */
    static GatewaySample unanswered(long atNanos, double benchCpuSeconds) {
        return new GatewaySample(atNanos, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, List.of(), benchCpuSeconds);
    }

    /** Micrometer names the counter by its base unit: {@code process_cpu_time_ns_total} today. */
    private static double cpuSeconds(PrometheusText metrics) {
        double nanos = metrics.sum("process_cpu_time_ns_total");
        return Double.isNaN(nanos) ? metrics.sum("process_cpu_time_seconds_total") : nanos / 1e9;
    }

    long liveTailConsumers() {
        return consumers.stream().filter(id -> id.endsWith(LIVE_TAIL)).count();
    }
}
