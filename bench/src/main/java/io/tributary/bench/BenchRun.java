package io.tributary.bench;

import io.tributary.bench.stack.BenchStack;

/**
 * What a workload runs against.
 *
 * @param stack where jobs start and are watched
 * @param writeTimes the listener of the simulator that the stack's ingest streams from: when each chunk
 *     of each registered prompt left the upstream
 * @param options the command line, for the workload's own settings (jobs, rate, viewers, ...)
 */
public record BenchRun(BenchStack stack, WriteTimes writeTimes, BenchOptions options) {
}
