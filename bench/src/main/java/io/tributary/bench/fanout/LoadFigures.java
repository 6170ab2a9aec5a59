package io.tributary.bench.fanout;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the gateway held and used during a run, from its samples: the largest figure of the whole run and
 * the figure at full fan-out (the last sample with every viewer attached, before the jobs ended); CPU as
 * cores (CPU seconds per second), averaged over the full fan-out window and at most over one second.
 *
 * @param samples looks taken
 * @param heapMaxMiB the largest heap in use
 * @param heapAtFullFanOutMiB the heap in use at full fan-out
 * @param threadsMax the most live threads
 * @param threadsAtFullFanOut live threads at full fan-out
 * @param viewersMax the most open job streams the gateway counted
 * @param gatewayCpuCores the gateway's CPU over the window
 * @param gatewayCpuCoresMax the gateway's CPU over its busiest second
 * @param gcPauseSeconds the gateway's GC pauses added up over the window
 * @param gcPauseMaxMs the longest GC pause the gateway reported
 * @param benchCpuCores the bench JVM's CPU over the window (simulator and every viewer)
 * @param benchCpuCoresMax the bench JVM's CPU over its busiest second
 * @param machineCpuPercent the whole machine's CPU use over the window, averaged (other work included)
 * @param tailLagMax the most records the live tail had yet to read
 * @param liveTailConsumersMax the most live-tail consumers the gateway held at once
 * @param consumers the client ids of the gateway's Kafka consumers at full fan-out
 */
public record LoadFigures(int samples, double heapMaxMiB, double heapAtFullFanOutMiB, double threadsMax,
        double threadsAtFullFanOut, double viewersMax, double gatewayCpuCores, double gatewayCpuCoresMax,
        double gcPauseSeconds, double gcPauseMaxMs, double benchCpuCores, double benchCpuCoresMax,
        double machineCpuPercent, double tailLagMax, long liveTailConsumersMax, List<String> consumers) {

    private static final double MIB = 1024 * 1024;

    /**
     * @param fromNanos the window's start (every viewer attached)
     * @param untilNanos the window's end (the first viewer's job ended)
     */
    static LoadFigures of(List<GatewaySample> samples, long fromNanos, long untilNanos) {
        List<GatewaySample> window = samples.stream()
                .filter(sample -> sample.atNanos() >= fromNanos && sample.atNanos() <= untilNanos)
                .toList();
        if (window.size() < 2) {
            window = samples;
        }
        GatewaySample atFullFanOut = window.isEmpty() ? null : window.get(window.size() - 1);
        long liveTails = samples.stream().mapToLong(GatewaySample::liveTailConsumers).max().orElse(0);
        return new LoadFigures(samples.size(),
                max(samples, GatewaySample::heapBytes) / MIB,
                atFullFanOut == null ? Double.NaN : atFullFanOut.heapBytes() / MIB,
                max(samples, GatewaySample::threads),
                atFullFanOut == null ? Double.NaN : atFullFanOut.threads(),
                max(samples, GatewaySample::viewers),
                rate(window, GatewaySample::cpuSeconds),
                maxRate(samples, GatewaySample::cpuSeconds),
                growth(window, GatewaySample::gcPauseSeconds),
                max(samples, GatewaySample::gcPauseMaxSeconds) * 1000,
                rate(window, GatewaySample::benchCpuSeconds),
                maxRate(samples, GatewaySample::benchCpuSeconds),
                average(window, GatewaySample::machineCpu) * 100,
                max(samples, GatewaySample::tailLag),
                liveTails,
                atFullFanOut == null ? List.of() : atFullFanOut.consumers());
    }

    private static double max(List<GatewaySample> samples, ToDoubleFunction<GatewaySample> figure) {
        return samples.stream().mapToDouble(figure).filter(value -> !Double.isNaN(value)).max().orElse(Double.NaN);
    }

    private static double average(List<GatewaySample> samples, ToDoubleFunction<GatewaySample> figure) {
        return samples.stream().mapToDouble(figure).filter(value -> !Double.isNaN(value)).average()
                .orElse(Double.NaN);
    }

    /** How much a running total grew between the first and the last sample that have it. */
    private static double growth(List<GatewaySample> samples, ToDoubleFunction<GatewaySample> total) {
        List<GatewaySample> known = samples.stream().filter(sample -> !Double.isNaN(total.applyAsDouble(sample))).toList();
        if (known.size() < 2) {
            return Double.NaN;
        }
        return total.applyAsDouble(known.get(known.size() - 1)) - total.applyAsDouble(known.get(0));
    }

    /** A running total's growth per second between the first and the last sample that have it. */
    private static double rate(List<GatewaySample> samples, ToDoubleFunction<GatewaySample> total) {
        List<GatewaySample> known = samples.stream().filter(sample -> !Double.isNaN(total.applyAsDouble(sample))).toList();
        if (known.size() < 2) {
            return Double.NaN;
        }
        GatewaySample first = known.get(0);
        GatewaySample last = known.get(known.size() - 1);
        return (total.applyAsDouble(last) - total.applyAsDouble(first)) / ((last.atNanos() - first.atNanos()) / 1e9);
    }

    /** A running total's largest growth per second between two consecutive samples. */
    private static double maxRate(List<GatewaySample> samples, ToDoubleFunction<GatewaySample> total) {
        double max = Double.NaN;
        for (int i = 1; i < samples.size(); i++) {
            GatewaySample before = samples.get(i - 1);
            GatewaySample after = samples.get(i);
            double grown = total.applyAsDouble(after) - total.applyAsDouble(before);
            double seconds = (after.atNanos() - before.atNanos()) / 1e9;
            if (!Double.isNaN(grown) && seconds > 0.5) {
                max = Double.isNaN(max) ? grown / seconds : Math.max(max, grown / seconds);
            }
        }
        return max;
    }
}
