package io.tributary.bench.streams;

import java.util.ArrayList;
import java.util.List;

/**
 * What went wrong in one target's round, from any thread: the first few problems in full, the others
 * counted. A broken server fails every append and every reader, and thousands of lines say no more than
 * the first ones.
 */
final class FailureLog {

    private static final int KEPT = 20;

    private final String prefix;
    private final List<String> kept = new ArrayList<>();
    private int count;

    /** @param prefix put before each problem: which target it happened on */
    FailureLog(String prefix) {
        this.prefix = prefix;
    }

    synchronized void add(String problem) {
        count++;
        if (kept.size() < KEPT) {
            kept.add(prefix + ": " + problem);
        }
    }

    synchronized List<String> problems() {
        List<String> problems = new ArrayList<>(kept);
        if (count > kept.size()) {
            problems.add(prefix + ": and " + (count - kept.size()) + " more problems");
        }
        return problems;
    }
}
