package io.tributary.bench;

import java.time.Duration;

/**
 * One of the bench's workloads. The bench calls {@link #run} twice on the same stack: a warm-up round
 * whose figures are dropped (so that the JVMs' compilers have done their work), then the measured round.
 */
public interface Workload {

    /**
     * Refuses, before any stack starts, settings this workload cannot run.
     *
     * @throws IllegalArgumentException saying which option is wrong
     */
    default void check(BenchOptions options) {
    }

    /**
     * Whether the figures are times, which a warm-up round makes honest. A workload that counts (bytes,
     * records) runs once, and so does one that warms up inside its round.
     */
    default boolean timed() {
        return true;
    }

    /**
     * Whether the stack must be up before the first round. A workload that also measures another server
     * starts it by its first use instead, so that the other server is measured without it on the machine.
     */
    default boolean needsStackUpFront() {
        return true;
    }

    /**
     * Runs one round and checks what the viewers saw.
     *
     * @param run the stack, the simulator's write times and the options
     * @param duration how long this round streams: the warm-up's or the measured one's
     * @return the figures; a report that did not pass ends the bench with exit code 1
     */
    WorkloadReport run(BenchRun run, Duration duration) throws Exception;
}
