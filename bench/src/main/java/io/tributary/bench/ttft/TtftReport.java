package io.tributary.bench.ttft;

import java.util.List;
import java.util.Locale;

import io.tributary.bench.Percentiles;
import io.tributary.bench.WorkloadReport;

/**
 * The figures of a time-to-first-token run; {@link #failures()} empty means every viewer was let in at
 * once (no 404) and saw exactly what the upstream sent. Times in milliseconds.
 *
 * @param workload always {@code ttft}
 * @param jobs jobs started, one after another
 * @param firstChunkMs the upstream's pause before its first chunk (and between chunks)
 * @param startAnswer start request → the ingest's answer (the job id)
 * @param attach start request → the stream's 200 answer
 * @param upstreamFirstChunk start request → the simulator writing the first chunk: the upstream's own share
 * @param firstToken start request → the viewer reading the first content
 * @param firstChunkLatency the simulator writing the first chunk → the viewer reading it: what Tributary adds
 *     to the first token
 * @param steadyLatency the simulator writing a later chunk → the viewer reading it
 * @param failures refusals, gaps, duplicates, content differences, failed jobs
 */
public record TtftReport(String workload, int jobs, int firstChunkMs, Percentiles startAnswer, Percentiles attach,
        Percentiles upstreamFirstChunk, Percentiles firstToken, Percentiles firstChunkLatency, Percentiles steadyLatency,
        List<String> failures) implements WorkloadReport {

    /** The bar of issue 11: the first chunk costs at most 3 times what a later one does. */
    public boolean withinBar() {
        return firstChunkLatency.p99() <= 3 * steadyLatency.p50();
    }

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "ttft: %d jobs, a fresh viewer attached at each start's answer, first chunk after %d ms%n", jobs,
                firstChunkMs));
        text.append("  start answered   ").append(startAnswer.line()).append(System.lineSeparator());
        text.append("  start → attach   ").append(attach.line()).append(System.lineSeparator());
        text.append("  upstream 1st     ").append(upstreamFirstChunk.line()).append(System.lineSeparator());
        text.append("  first token      ").append(firstToken.line()).append(System.lineSeparator());
        text.append("  1st chunk w→v    ").append(firstChunkLatency.line()).append(System.lineSeparator());
        text.append("  later chunks w→v ").append(steadyLatency.line()).append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "  bar              first chunk p99 %.2f ms vs 3 × later p50 = %.2f ms: %s%n",
                firstChunkLatency.p99(), 3 * steadyLatency.p50(), withinBar() ? "met" : "missed"));
        return text.append(verdict("every viewer let in at once; content equals the upstream's; ids dense"))
                .toString();
    }
}
