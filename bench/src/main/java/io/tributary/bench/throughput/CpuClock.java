package io.tributary.bench.throughput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the CPU time each process of the run has used: the stack's own (broker and services, by process
 * id, for the embedded stack) and this JVM's (the simulator and the viewers), plus the whole machine's busy
 * time from {@code /proc/stat} on Linux, so that what other work on a shared machine took can be told apart.
 * The operating system counts CPU time in ticks (10 ms on Linux); over a step that is precise enough.
 */
final class CpuClock {

    /** The name this JVM's CPU time goes under. */
    static final String BENCH = "bench";
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();

    CpuClock(Map<String, Long> processIds) {
        processIds.forEach((name, pid) -> ProcessHandle.of(pid).ifPresent(handle -> processes.put(name, handle)));
        processes.put(BENCH, ProcessHandle.current());
    }

    CpuSnapshot read() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        processes.forEach((name, handle) -> cpu.put(name,
                handle.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L)));
        long[] machine = machineTicks();
        return new CpuSnapshot(System.nanoTime(), cpu, machine[0], machine[1]);
    }

    /**
     * The machine's busy and total ticks over all CPUs since boot (busy: all but idle and iowait), or -1s when
     * {@code /proc/stat} cannot be read (not Linux).
     */
    private static long[] machineTicks() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            String[] fields = lines.get(0).strip().split("\\s+");
            long total = 0;
            // cpu user nice system idle iowait irq softirq steal [guest guest_nice: already in user and nice]
            for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
