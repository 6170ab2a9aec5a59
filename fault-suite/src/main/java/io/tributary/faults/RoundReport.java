package io.tributary.faults;

import java.util.List;
import java.util.Locale;

import io.tributary.bench.Percentiles;

/**
 * One fault's figures and verdict.
 *
 * @param fault the fault's id
 * @param done exactly what was done, with the pids
 * @param jobs jobs of the round
 * @param completed of them, those that completed with the upstream's whole content
 * @param interrupted of them, those the fault ended with their content so far (an ingest that died)
 * @param viewers SSE viewers of the round
 * @param events job events checked on {@code jobs.deltas}
 * @param lost events missing from {@code jobs.deltas}
 * @param duplicated events on {@code jobs.deltas} twice
 * @param viewersExact viewers whose messages were dense, without repeat, and whose content equals the log's
 * @param attach per viewer, from its first request to the gateway's 200, before the fault
 * @param stall per viewer of a job that outlived the fault, the longest wait between two messages across it
 * @param reconnects how often viewers resumed with {@code Last-Event-ID}
 * @param refusals answers other than 200 to a resume (an {@code EventSource} would have given up)
 * @param wholeAfterSeconds from the fault's start until every service was healthy and every partition fully
 *     replicated again
 * @param lastEndAfterSeconds from the fault's start until the last job's terminal event
 * @param failures every broken rule, empty for a pass
 */
record RoundReport(String fault, String done, int jobs, int completed, int interrupted, int viewers, long events,
        long lost, long duplicated, int viewersExact, Percentiles attach, Percentiles stall, long reconnects, long refusals,
        double wholeAfterSeconds, double lastEndAfterSeconds, List<String> failures) {

    boolean passed() {
        return failures.isEmpty();
    }

    String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, """
                %s: %s
                  %s
                  jobs %d (completed %d, interrupted %d), events %d: lost %d, duplicated %d
                  viewers %d, exact %d, resumed %d times, refused %d times
                  attach                  %s
                  stall across the fault  %s
                  whole again after %.1f s; last job ended %.1f s after the fault's start
                """, fault, passed() ? "PASSED" : "FAILED (" + failures.size() + " failures)", done, jobs, completed,
                interrupted, events, lost, duplicated, viewers, viewersExact, reconnects, refusals, attach.line(), stall.line(),
                wholeAfterSeconds, lastEndAfterSeconds));
        failures.stream().limit(20).forEach(failure -> text.append("  ! ").append(failure).append('\n'));
        if (failures.size() > 20) {
            text.append("  ! ... and ").append(failures.size() - 20).append(" more\n");
        }
        return text.toString();
    }
}
