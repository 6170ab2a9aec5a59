package io.tributary.bench.throughput;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.tributary.bench.Percentiles;

/**
 * The figures of one step of a throughput run. Rates in deltas per second, times in ms.
 *
 * @param step 0 for the first step
 * @param jobs concurrent jobs, one viewer each
 * @param intervalMs the pause before each chunk of a job
 * @param chunksPerJob content deltas per job
 * @param askedRate jobs × 1000 / interval
 * @param offeredRate what the simulator wrote over the steady window (see {@link StepDelivery})
 * @param deliveredRate what the viewers read over the steady window
 * @param windowSeconds the steady window: every job streaming
 * @param deltasRead content deltas the viewers read in the whole step
 * @param attachRetries stream requests answered 404 (the job not in {@code jobs.state} yet), asked again
 * @param latency simulator write → viewer read of every streamed delta
 * @param latencyFirstThird of the deltas written in the window's first third
 * @param latencyLastThird of the deltas written in the window's last third
 * @param viewerDrainMs the step's last write → the last viewer's terminal event
 * @param stateDrainMs the step's last write → the gateway answering every job's final state from {@code jobs.state}
 * @param hops each hop's events, times and lags, from the services' metrics
 * @param cpu the CPU each process used
 * @param sustained whether the step carried its rate with bounded lag ({@link SustainedRules})
 * @param notSustainedBecause why not; empty when it was
 * @param samples the pipeline once a second
 */
public record StepReport(int step, int jobs, int intervalMs, int chunksPerJob, double askedRate, double offeredRate,
        double deliveredRate, double windowSeconds, long deltasRead, long attachRetries, Percentiles latency,
        Percentiles latencyFirstThird, Percentiles latencyLastThird, double viewerDrainMs, double stateDrainMs,
        StepHops hops, StepCpu cpu, boolean sustained, List<String> notSustainedBecause, List<LagSample> samples) {

    /** The step for a person, several lines. */
    String summary() {
        StringBuilder text = new StringBuilder();
        line(text, "step %d: %d jobs, one chunk every %d ms each, %d chunks: %.0f/s asked, %.0f/s written, "
                + "%.0f/s read over %.1f s", step, jobs, intervalMs, chunksPerJob, askedRate, offeredRate,
                deliveredRate, windowSeconds);
        line(text, "    write → view    %s", latency.line());
        line(text, "    p50 by third    %.2f ms first, %.2f ms last", latencyFirstThird.p50(), latencyLastThird.p50());
        line(text, "    drained         viewers %.0f ms, jobs.state %.0f ms after the last write; %d attach retries",
                viewerDrainMs, stateDrainMs, attachRetries);
        line(text, "    hops (mean/worst s) produce %.1f/%.1f ms, fold lag %.1f/%.1f ms, tail receipt %.1f/%.1f ms, "
                + "delivery %.1f/%.1f ms", hops.produceMs(), hops.worstProduceMs(), hops.foldLagMs(),
                hops.worstFoldLagMs(), hops.tailReceiptMs(), hops.worstTailReceiptMs(), hops.deliveryMs(),
                hops.worstDeliveryMs());
        line(text, "    most behind     gateway tail %.0f records, processor %.0f records", hops.maxGatewayTailLag(),
                hops.maxProcessorRecordsLag());
        line(text, "    cores used      %s; machine %.2f busy, other work %.2f", figures(cpu.cores(), "%.2f"),
                cpu.machineBusyCores(), cpu.otherCores());
        line(text, "    CPU µs/delta    %s; pipeline %.0f", figures(cpu.microsPerDelta(), "%.0f"),
                cpu.pipelineMicrosPerDelta());
        line(text, "    %s", sustained ? "SUSTAINED" : "not sustained: " + String.join("; ", notSustainedBecause));
        return text.toString();
    }

    private static String figures(Map<String, Double> byProcess, String format) {
        return byProcess.entrySet().stream()
                .map(entry -> entry.getKey() + " " + String.format(Locale.ROOT, format, entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static void line(StringBuilder text, String format, Object... values) {
        text.append(String.format(Locale.ROOT, format, values)).append(System.lineSeparator());
    }
}
