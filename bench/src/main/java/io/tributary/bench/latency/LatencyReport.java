package io.tributary.bench.latency;

import java.util.List;
import java.util.Locale;

import io.tributary.bench.Percentiles;
import io.tributary.bench.WorkloadReport;
import io.tributary.bench.metrics.HopHistogram;

/**
 * The figures of a latency run; {@link #failures()} empty means every viewer saw exactly what the
 * upstream sent. Times in milliseconds.
 *
 * @param workload always {@code latency}
 * @param jobs concurrent jobs
 * @param requestedRate the deltas per second asked for
 * @param intervalMs the pause before each chunk of a job
 * @param chunksPerJob content deltas per job
 * @param achievedRate deltas read by the viewers per second, from the first start to the last read
 * @param deltasRead content deltas the viewers read
 * @param deltasTimed of those, the ones written after their viewer was attached (the ones in the histogram)
 * @param attachRetries stream requests answered 404 because the gateway did not know the job yet, asked again
 * @param latency simulator write → viewer read, per delta
 * @param startAnswer start request → the ingest's answer (the job id), per job
 * @param attach start request → the stream's 200 answer, per job (includes the 404s asked again)
 * @param timeToFirstToken start request → first content read, per job (includes one chunk interval)
 * @param hops the services' per-hop timers over the round (bucket bounds: "p99 ≤"), to tell which hop
 *     the latency is spent in
 * @param failures what went wrong: gaps, duplicates, content differences, failed jobs
 */
public record LatencyReport(String workload, int jobs, int requestedRate, int intervalMs, int chunksPerJob,
        double achievedRate, long deltasRead, long deltasTimed, long attachRetries, Percentiles latency,
        Percentiles startAnswer, Percentiles attach, Percentiles timeToFirstToken, List<HopHistogram.HopFigures> hops,
        List<String> failures)
        implements WorkloadReport {

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "latency: %d jobs, one chunk every %d ms each (%d deltas/s asked), %d chunks per job%n",
                jobs, intervalMs, requestedRate, chunksPerJob));
        text.append(String.format(Locale.ROOT, "  deltas read      %d (%d timed), %.0f deltas/s achieved%n",
                deltasRead, deltasTimed, achievedRate));
        text.append(String.format(Locale.ROOT, "  attach retries  %d (404: the gateway had not read the job's start within its attach wait)%n",
                attachRetries));
        text.append("  write → view    ").append(latency.line()).append(System.lineSeparator());
        text.append("  start answered  ").append(startAnswer.line()).append(System.lineSeparator());
        text.append("  start → attach  ").append(attach.line()).append(System.lineSeparator());
        text.append("  first token     ").append(timeToFirstToken.line()).append(System.lineSeparator());
        hops.forEach(hop -> text.append("  hop  ").append(hop.line()).append(System.lineSeparator()));
        return text.append(verdict("every viewer's content equals the upstream's; ids dense")).toString();
    }
}
