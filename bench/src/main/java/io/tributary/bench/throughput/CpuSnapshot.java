package io.tributary.bench.throughput;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time used so far, at one moment.
 *
 * @param atNanos {@link System#nanoTime()} when it was read
 * @param cpuNanos each process's CPU time since it started (-1 when the OS would not say)
 * @param machineBusyTicks the machine's busy ticks over all CPUs since boot (-1 when unknown)
 * @param machineTotalTicks the machine's ticks over all CPUs since boot, busy or not (-1 when unknown)
 */
record CpuSnapshot(long atNanos, Map<String, Long> cpuNanos, long machineBusyTicks, long machineTotalTicks) {

    /** Cores each process used on average since {@code before}: CPU seconds per wall second. */
    Map<String, Double> coresSince(CpuSnapshot before) {
        double wallNanos = atNanos - before.atNanos;
        Map<String, Double> cores = new LinkedHashMap<>();
        cpuNanos.forEach((name, nanos) -> {
            Long earlier = before.cpuNanos.get(name);
            if (earlier != null && earlier >= 0 && nanos >= 0 && wallNanos > 0) {
                cores.put(name, (nanos - earlier) / wallNanos);
            }
        });
        return cores;
    }

    /** CPU nanoseconds each process used since {@code before}. */
    Map<String, Long> usedSince(CpuSnapshot before) {
        Map<String, Long> used = new LinkedHashMap<>();
        cpuNanos.forEach((name, nanos) -> {
            Long earlier = before.cpuNanos.get(name);
            if (earlier != null && earlier >= 0 && nanos >= 0) {
                used.put(name, nanos - earlier);
            }
        });
        return used;
    }

    /** The machine's busy cores on average since {@code before} (all its processes), or NaN when unknown. */
    double machineBusyCoresSince(CpuSnapshot before, int cores) {
        long total = machineTotalTicks - before.machineTotalTicks;
        if (machineBusyTicks < 0 || before.machineBusyTicks < 0 || total <= 0) {
            return Double.NaN;
        }
        return (double) (machineBusyTicks - before.machineBusyTicks) / total * cores;
    }
}
