package io.tributary.bench.reattach;

import java.util.List;
import java.util.Locale;

import io.tributary.bench.Percentiles;
import io.tributary.bench.WorkloadReport;

/**
 * The figures of a reattach run. Times in milliseconds, from a request sent to the first byte of the
 * first message after the resume point (TTFB) or to the answer's headers.
 *
 * @param workload always {@code reattach}
 * @param liveJobs jobs still streaming when the storm came
 * @param finishedJobs jobs that had ended before it
 * @param viewers viewers in each storm
 * @param stormAt when the storm began (UTC), to find it in the services' logs
 * @param issueMillis how long issuing all of the storm's requests took
 * @param ttfbLive time to the first message, viewers of live jobs (storm with cold timelines)
 * @param ttfbFinished the same, viewers of finished jobs (204 answers excluded)
 * @param ttfbAll the same, every viewer that got a message
 * @param headers time to the answer's headers (200 or 204), every viewer
 * @param upToDate viewers that had a finished job's terminal event and were answered 204
 * @param catchUpReads the gateway's catch-up reads during the storm (its counter's increase)
 * @param ttfbWarm time to the first message of a second storm right after, when every job had ended and the
 *     gateway still held their timelines (resumes served from memory)
 * @param catchUpReadsWarm the gateway's catch-up reads during the second storm
 * @param exact viewers (of both storms) whose resume was exact
 * @param total viewers of both storms
 * @param failures what went wrong: gaps, duplicates, content differences, wrong answers
 */
public record ReattachReport(String workload, int liveJobs, int finishedJobs, int viewers, String stormAt, double issueMillis,
        Percentiles ttfbLive, Percentiles ttfbFinished, Percentiles ttfbAll, Percentiles headers, long upToDate,
        double catchUpReads, Percentiles ttfbWarm, double catchUpReadsWarm, long exact, long total,
        List<String> failures) implements WorkloadReport {

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "reattach: %d viewers reconnect at once to %d live and %d finished jobs at %s (issued in %.1f ms)%n",
                viewers, liveJobs, finishedJobs, stormAt, issueMillis));
        text.append("  TTFB live       ").append(ttfbLive.line()).append(System.lineSeparator());
        text.append("  TTFB finished   ").append(ttfbFinished.line()).append(System.lineSeparator());
        text.append("  TTFB all        ").append(ttfbAll.line()).append(System.lineSeparator());
        text.append("  headers         ").append(headers.line()).append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "  up to date      %d answered 204 (had the terminal event)%n", upToDate));
        text.append(String.format(Locale.ROOT, "  catch-up reads  %.0f during the storm%n", catchUpReads));
        text.append("  TTFB warm       ").append(ttfbWarm.line()).append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "  catch-up reads  %.0f during the warm storm%n", catchUpReadsWarm));
        text.append(String.format(Locale.ROOT, "  exact           %d / %d%n", exact, total));
        return text.append(verdict("every resume exact: first id after Last-Event-ID, dense, the upstream's "
                + "content from there, terminal complete")).toString();
    }
}
