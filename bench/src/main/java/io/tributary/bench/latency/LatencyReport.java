package io.tributary.bench.latency;

import java.util.List;
import java.util.Locale;

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
 * @param failures what went wrong: gaps, duplicates, content differences, failed jobs
 */
public record LatencyReport(String workload, int jobs, int requestedRate, int intervalMs, int chunksPerJob,
        double achievedRate, long deltasRead, long deltasTimed, long attachRetries, Percentiles latency,
        Percentiles startAnswer, Percentiles attach, Percentiles timeToFirstToken, List<String> failures) {

    /**
     * @param count values recorded
     * @param p50 median
     * @param p90 90th percentile
     * @param p99 99th percentile
     * @param p999 99.9th percentile
     * @param max the largest
     */
    public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {

        String line() {
            return String.format(Locale.ROOT, "p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f ms  (n=%d)",
                    p50, p90, p99, p999, max, count);
        }
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** The figures for a person, several lines. */
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "latency: %d jobs, one chunk every %d ms each (%d deltas/s asked), %d chunks per job%n",
                jobs, intervalMs, requestedRate, chunksPerJob));
        text.append(String.format(Locale.ROOT, "  deltas read      %d (%d timed), %.0f deltas/s achieved%n",
                deltasRead, deltasTimed, achievedRate));
        text.append(String.format(Locale.ROOT, "  attach retries  %d (404 until the processor commits the job's state)%n",
                attachRetries));
        text.append("  write → view    ").append(latency.line()).append(System.lineSeparator());
        text.append("  start answered  ").append(startAnswer.line()).append(System.lineSeparator());
        text.append("  start → attach  ").append(attach.line()).append(System.lineSeparator());
        text.append("  first token     ").append(timeToFirstToken.line()).append(System.lineSeparator());
        text.append(passed() ? "  correctness     every viewer's content equals the upstream's; ids dense"
                : "  FAILED          " + failures.size() + " problem(s), first: " + failures.get(0));
        return text.append(System.lineSeparator()).toString();
    }
}
