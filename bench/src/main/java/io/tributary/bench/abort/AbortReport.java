package io.tributary.bench.abort;

import java.util.List;
import java.util.Locale;

import io.tributary.bench.Percentiles;
import io.tributary.bench.WorkloadReport;

/**
 * The figures of an abort run: from {@code POST /api/jobs/{id}/abort} sent to each thing it causes.
 * Times in milliseconds.
 *
 * @param workload always {@code abort}
 * @param jobs jobs aborted
 * @param spreadMillis the time over which the aborts were spread
 * @param answered the abort's answer ({@code {"aborted": true}})
 * @param upstreamClosed the simulator saw the upstream connection closed
 * @param onLog a consumer of {@code jobs.deltas} (read_committed) read the job's {@code aborted} event
 * @param viewer the job's viewer read the terminal {@code aborted} status
 * @param failures what went wrong: a job not aborted, content that is not a prefix of the upstream's, gaps
 */
public record AbortReport(String workload, int jobs, long spreadMillis, Percentiles answered,
        Percentiles upstreamClosed, Percentiles onLog, Percentiles viewer, List<String> failures)
        implements WorkloadReport {

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "abort: %d streaming jobs aborted one by one over %d ms, one viewer each%n", jobs, spreadMillis));
        text.append("  → answered      ").append(answered.line()).append(System.lineSeparator());
        text.append("  → upstream shut ").append(upstreamClosed.line()).append(System.lineSeparator());
        text.append("  → on the log    ").append(onLog.line()).append(System.lineSeparator());
        text.append("  → viewer        ").append(viewer.line()).append(System.lineSeparator());
        return text.append(verdict("every job aborted: upstream closed, aborted last on the log, partial content "
                + "a prefix of the upstream's, viewers dense and ended aborted")).toString();
    }
}
