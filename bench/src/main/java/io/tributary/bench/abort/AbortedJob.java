package io.tributary.bench.abort;

import java.util.ArrayList;
import java.util.List;

import io.tributary.bench.WriteTimes;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;

/**
 * One job of an abort run: when its abort was sent and answered, and, once the run is over, what the
 * log, the simulator and the viewer say happened after it. Times are {@link System#nanoTime()}.
 *
 * @param label names the job in failures
 * @param prompt the job's prompt, its key in {@link WriteTimes}
 * @param jobId the job
 * @param token its user's bearer token
 * @param upstreamContent the whole reply the simulator would have sent
 * @param view its viewer
 */
record AbortedJob(String label, String prompt, String jobId, String token, String upstreamContent, AbortView view) {

    /** The figures of one abort, each -1 when it did not happen; with what went wrong. */
    record Outcome(long answeredNanos, long upstreamClosedNanos, long loggedNanos, long viewerNanos,
            List<String> failures) {
    }

    /**
     * @param sentNanos when the abort's request was sent
     * @param answeredNanos when its answer arrived, or -1
     * @param answer its body
     * @param logged the job's events on {@code jobs.deltas}, from its first
     * @param writeTimes the simulator's listener, which knows when the upstream stream was closed
     */
    Outcome outcome(long sentNanos, long answeredNanos, String answer, List<DeltasLog.Received> logged,
            WriteTimes writeTimes) {
        List<String> failures = new ArrayList<>(view.failures());
        if (!answer.replace(" ", "").contains("\"aborted\":true")) {
            failures.add(label + ": the abort answered " + answer);
        }
        long closed = writeTimes.closedAt(prompt);
        if (closed == WriteTimes.NOT_WRITTEN) {
            failures.add(label + ": the simulator never saw the upstream connection closed");
        }
        long loggedAt = checkLog(logged, failures);
        return new Outcome(since(sentNanos, answeredNanos), closed == WriteTimes.NOT_WRITTEN ? -1 : closed - sentNanos,
                since(sentNanos, loggedAt), since(sentNanos, view.terminalNanos()), failures);
    }

    /** Checks the job's events on the log; returns when its {@code aborted} event was read, or -1. */
    private long checkLog(List<DeltasLog.Received> logged, List<String> failures) {
        StringBuilder content = new StringBuilder();
        long abortedAt = -1;
        long expectedSeq = 0;
        for (DeltasLog.Received received : logged) {
            JobEvent event = received.event();
            if (event.getSeq() != expectedSeq) {
                failures.add(label + ": seq " + event.getSeq() + " on the log where " + expectedSeq + " was due");
            }
            expectedSeq = event.getSeq() + 1;
            if (abortedAt >= 0) {
                failures.add(label + ": " + event.getType() + " on the log after the aborted event");
            }
            switch (event.getType()) {
                case TEXT_DELTA -> content.append(event.getText());
                case ABORTED -> abortedAt = received.receivedNanos();
                case COMPLETED, FAILED -> failures.add(label + ": ended " + event.getType() + " on the log");
                default -> { }
            }
        }
        if (logged.isEmpty() || logged.get(0).event().getType() != JobEventType.STARTED) {
            failures.add(label + ": the log does not start with the started event");
        }
        if (abortedAt < 0) {
            failures.add(label + ": no aborted event on the log");
        }
        if (!upstreamContent.startsWith(content.toString())) {
            failures.add(label + ": the partial content on the log is not a prefix of the upstream's");
        }
        if (!content.toString().equals(view.content())) {
            failures.add(label + ": the viewer assembled other content than the log holds");
        }
        return abortedAt;
    }

    private static long since(long start, long end) {
        return end < 0 ? -1 : end - start;
    }
}
