package io.tributary.bench.fanout;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tributary.bench.Percentiles;
import io.tributary.bench.WorkloadReport;

/**
 * The figures of a fan-out run; {@link #failures()} empty means every viewer attached and saw exactly what
 * the upstream sent. Times in milliseconds.
 *
 * @param workload always {@code fanout}
 * @param jobs concurrent jobs
 * @param viewers viewers asked for, spread evenly over the jobs
 * @param requestedRate total deltas per second asked for
 * @param intervalMs the pause before each chunk of a job
 * @param chunksPerJob content deltas per job
 * @param attachesPerSecond how fast the viewers were attached
 * @param messagesPerSecondAsked SSE messages per second the gateway must write at full fan-out
 * @param attached viewers whose stream opened
 * @param refused viewers refused, by HTTP status
 * @param broken viewers whose connection failed or broke off without a status
 * @param attachSeconds from the first attach to the last stream open
 * @param fullFanOutSeconds how long every viewer was attached while the jobs streamed
 * @param deltasRead content deltas read, over all viewers
 * @param messagesPerSecond deltas read per second over all viewers during the full fan-out window
 * @param attach a fresh attach: request → its snapshot read, per viewer
 * @param latency write → view for every delta written after its viewer attached
 * @param latencyAtFullFanOut write → view for the deltas written while every viewer was attached
 * @param load the gateway's heap, threads, CPU, GC and Kafka consumers, and the bench's CPU
 * @param failures what went wrong: refusals, gaps, duplicates, content differences, failed jobs
 */
public record FanoutReport(String workload, int jobs, int viewers, int requestedRate, int intervalMs,
        int chunksPerJob, int attachesPerSecond, double messagesPerSecondAsked, long attached,
        Map<Integer, Long> refused, long broken, double attachSeconds, double fullFanOutSeconds, long deltasRead,
        double messagesPerSecond, Percentiles attach, Percentiles latency, Percentiles latencyAtFullFanOut,
        LoadFigures load, List<String> failures) implements WorkloadReport {

    /** Issue 6's bar for one gateway. */
    static final int BAR_VIEWERS = 10_000;
    static final double BAR_HEAP_MIB = 1024;
    static final double BAR_P99_MS = 50;

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "fanout: %d viewers over %d jobs, one chunk every %d ms each (%d deltas/s asked), %d chunks per job%n",
                viewers, jobs, intervalMs, requestedRate, chunksPerJob));
        line(text, "attached", "%d of %d in %.1f s (%d/s asked); refused %s; broken %d", attached, viewers,
                attachSeconds, attachesPerSecond, refused, broken);
        text.append("  attach          ").append(attach.line()).append(System.lineSeparator());
        line(text, "full fan-out", "%.1f s with every viewer attached: %.0f messages/s read (%.0f asked)",
                fullFanOutSeconds, messagesPerSecond, messagesPerSecondAsked);
        text.append("  write → view    ").append(latencyAtFullFanOut.line()).append("  at full fan-out")
                .append(System.lineSeparator());
        text.append("                  ").append(latency.line()).append("  whole run").append(System.lineSeparator());
        line(text, "gateway heap", "max %.0f MiB, at full fan-out %.0f MiB", load.heapMaxMiB(),
                load.heapAtFullFanOutMiB());
        line(text, "gateway threads", "max %.0f, at full fan-out %.0f; viewers counted max %.0f", load.threadsMax(),
                load.threadsAtFullFanOut(), load.viewersMax());
        line(text, "gateway GC", "%.2f s paused over the window, longest pause %.1f ms", load.gcPauseSeconds(),
                load.gcPauseMaxMs());
        line(text, "CPU (cores)", "gateway %.2f (busiest second %.2f), bench %.2f (busiest %.2f), machine %.0f %%",
                load.gatewayCpuCores(), load.gatewayCpuCoresMax(), load.benchCpuCores(), load.benchCpuCoresMax(),
                load.machineCpuPercent());
        line(text, "Kafka consumers", "%d: %s; live-tail consumers at most %d; tail lag max %.0f",
                load.consumers().size(), load.consumers(), load.liveTailConsumersMax(), load.tailLagMax());
        line(text, "bar", "viewers %s (≥ %,d), heap %s (≤ %.0f MiB), p99 %s (≤ %.0f ms), one live tail %s",
                attached >= BAR_VIEWERS ? "met" : "below", BAR_VIEWERS,
                Double.isNaN(load.heapMaxMiB()) ? "not measured" : load.heapMaxMiB() <= BAR_HEAP_MIB ? "met"
                        : "missed", BAR_HEAP_MIB,
                latencyAtFullFanOut.count() == 0 ? "not measured" : latencyAtFullFanOut.p99() <= BAR_P99_MS ? "met"
                        : "missed", BAR_P99_MS,
                load.liveTailConsumersMax() == 1 ? "met" : "missed");
        return text.append(verdict("every viewer attached; its content equals the upstream's; ids dense")).toString();
    }

    private static void line(StringBuilder text, String label, String format, Object... values) {
        text.append(String.format(Locale.ROOT, "  %-16s", label)).append(String.format(Locale.ROOT, format, values))
                .append(System.lineSeparator());
    }
}
