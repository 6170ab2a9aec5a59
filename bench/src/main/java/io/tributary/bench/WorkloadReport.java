package io.tributary.bench;

import java.util.List;

/**
 * The figures of one workload's round, written as JSON by {@link ResultsFile} (a record's components
 * become the file's fields). {@link #failures()} empty means every viewer saw exactly what the upstream
 * sent.
 */
public interface WorkloadReport {

    /** The workload's name, which also names the results file. */
    String workload();

    /** What went wrong: gaps, duplicates, content differences, failed jobs; empty when nothing did. */
    List<String> failures();

    /** The figures for a person, several lines ending with a line separator. */
    String summary();

    default boolean passed() {
        return failures().isEmpty();
    }

    /** The closing line of a summary: the correctness verdict. */
    default String verdict(String whatPassed) {
        return passed() ? "  correctness     " + whatPassed + System.lineSeparator()
                : "  FAILED          " + failures().size() + " problem(s), first: " + failures().get(0)
                        + System.lineSeparator();
    }
}
