package io.tributary.bench.throughput;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU each process used over a step (from its first start to the end of its drain), per second and per
 * content delta of the step, so that a bound can be explained: the pipeline tops out where the sum of its
 * processes' CPU per delta times the rate reaches the cores it has.
 *
 * @param seconds the step's wall time
 * @param cores each process's mean cores used (broker, services and, as {@code bench}, the simulator and viewers)
 * @param microsPerDelta each process's CPU µs per content delta
 * @param pipelineMicrosPerDelta the broker's and the services' CPU µs per delta together (not the bench's)
 * @param machineBusyCores the whole machine's mean busy cores (NaN off Linux)
 * @param otherCores busy cores not of this run's processes: other work on the machine
 */
public record StepCpu(double seconds, Map<String, Double> cores, Map<String, Double> microsPerDelta,
        double pipelineMicrosPerDelta, double machineBusyCores, double otherCores) {

    static StepCpu between(CpuSnapshot before, CpuSnapshot after, long deltas) {
        Map<String, Double> cores = after.coresSince(before);
        Map<String, Double> perDelta = new LinkedHashMap<>();
        double pipelineNanos = 0;
        for (Map.Entry<String, Long> used : after.usedSince(before).entrySet()) {
            perDelta.put(used.getKey(), deltas > 0 ? used.getValue() / 1_000.0 / deltas : Double.NaN);
            if (!used.getKey().equals(CpuClock.BENCH)) {
                pipelineNanos += used.getValue();
            }
        }
        double machine = after.machineBusyCoresSince(before, Runtime.getRuntime().availableProcessors());
        double ours = cores.values().stream().mapToDouble(Double::doubleValue).sum();
        boolean pipelineKnown = perDelta.keySet().stream().anyMatch(name -> !name.equals(CpuClock.BENCH));
        return new StepCpu((after.atNanos() - before.atNanos()) / 1e9, cores, perDelta,
                pipelineKnown && deltas > 0 ? pipelineNanos / 1_000.0 / deltas : Double.NaN, machine,
                Double.isNaN(machine) ? Double.NaN : Math.max(0, machine - ours));
    }
}
