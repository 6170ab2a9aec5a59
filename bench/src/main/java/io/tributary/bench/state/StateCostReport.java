package io.tributary.bench.state;

import java.util.List;
import java.util.Locale;

import io.tributary.bench.WorkloadReport;

/**
 * The bytes the fold wrote per byte of delta, for the long job and for the short ones together.
 *
 * @param workload always {@code state}
 * @param intervalMs the pause before each chunk of every job
 * @param longChunks the long job's chunks
 * @param shortChunks each short job's chunks
 * @param shortJobs how many short jobs ran
 * @param longJob the long job's figures
 * @param shortJobsTotal the short jobs' figures, summed
 * @param failures what the records or the gateway held that the upstream did not send
 */
public record StateCostReport(String workload, int intervalMs, int longChunks, int shortChunks, int shortJobs,
        JobKind longJob, JobKind shortJobsTotal, List<String> failures) implements WorkloadReport {

    /** Bytes are serialized key + value as written to the topic; the changelogs are the fold's three, summed. */
    public record JobKind(int jobs, long contentBytes, long deltaRecords, long deltaBytes, long stateRecords,
            long stateBytes, long changelogRecords, long changelogBytes) {

        /** {@code jobs.state} and changelog bytes per byte of {@code jobs.deltas}: the figure the bar judges. */
        public double stateBytesPerDeltaByte() {
            return deltaBytes == 0 ? 0 : (double) (stateBytes + changelogBytes) / deltaBytes;
        }

        String line(String name) {
            return String.format(Locale.ROOT, "  %-6s %3d job(s): deltas %,d records %,d B (content %,d B); "
                    + "jobs.state %,d records %,d B; changelogs %,d records %,d B; state/delta %.2f×%n", name, jobs,
                    deltaRecords, deltaBytes, contentBytes, stateRecords, stateBytes, changelogRecords, changelogBytes,
                    stateBytesPerDeltaByte());
        }
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "state: one %d-chunk job and %d %d-chunk jobs, one chunk every %d ms%n",
                longChunks, shortJobs, shortChunks, intervalMs)
                + longJob.line("long")
                + shortJobsTotal.line("short")
                + verdict("every job's events, jobs.state and changelog hold exactly what the upstream sent");
    }
}
