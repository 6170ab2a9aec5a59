package io.tributary.bench.throughput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tributary.bench.WriteTimes;
import io.tributary.bench.stack.BenchStack;

/**
 * Runs one step: notes the services' metrics and the processes' CPU, starts the step's jobs and viewers,
 * samples the pipeline each second while they stream, waits for the viewers to end and for
 * {@code jobs.state} to hold every final state, and turns all of it into a {@link StepReport}.
 */
final class StepRun {

    /** How long past its duration a step may take to end before the run gives up on its viewers. */
    private static final Duration END_GRACE = Duration.ofSeconds(60);
    /** How long after the viewers the run waits for {@code jobs.state} to hold every final state. */
    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(30);

    private final BenchStack stack;
    private final WriteTimes writeTimes;
    private final PipelineMetrics metrics;
    private final CpuClock cpu;
    private final StateDrain stateDrain;

    StepRun(BenchStack stack, WriteTimes writeTimes) {
        this.stack = stack;
        this.writeTimes = writeTimes;
        this.metrics = new PipelineMetrics(stack);
        this.cpu = new CpuClock(stack.processIds());
        this.stateDrain = new StateDrain(stack.gatewayUrl());
    }

    /**
     * @param failures where the step's correctness failures go (gaps, duplicates, content differences)
     */
    StepReport run(StepShape shape, Duration duration, String runId, List<String> failures)
            throws InterruptedException {
        long stepStart = System.nanoTime();
        PipelineScrape scrapeBefore = metrics.scrape();
        CpuSnapshot cpuBefore = cpu.read();
        StepJobs jobs = new StepJobs(stack, writeTimes);
        List<String> problems = new ArrayList<>();
        StateDrain.Result state;
        LagSampler.Finished sampled;
        try (LagSampler sampler = LagSampler.start(metrics, cpu, stepStart, scrapeBefore, cpuBefore)) {
            jobs.start(shape, runId);
            long openViewers = jobs.awaitViewers(duration.plus(END_GRACE).minusNanos(System.nanoTime() - stepStart));
            jobs.jobs().forEach(job -> job.times().takeWriteTimes(writeTimes, job.prompt()));
            if (!jobs.refusedStarts().isEmpty()) {
                problems.add(jobs.refusedStarts().size() + " start(s) refused, first: " + jobs.refusedStarts().get(0));
            }
            if (openViewers > 0) {
                problems.add(openViewers + " viewer(s) had not ended " + END_GRACE.toSeconds() + " s after the step");
            }
            state = stateDrain.await(jobs.jobs(), STATE_TIMEOUT);
            if (state.notFinal() > 0) {
                problems.add(state.notFinal() + " job(s) not final in jobs.state " + STATE_TIMEOUT.toSeconds()
                        + " s after the viewers");
            }
            sampled = sampler.finish();
        }
        failures.addAll(jobs.failures());
        failures.addAll(state.failures());
        return report(shape, jobs.jobs(), state, problems,
                StepHops.of(scrapeBefore, sampled.lastScrape(), sampled.samples()),
                StepCpu.between(cpuBefore, sampled.lastCpu(), shape.deltas()), sampled.samples());
    }

    private StepReport report(StepShape shape, List<ThroughputJob> jobs, StateDrain.Result state,
            List<String> problems, StepHops hops, StepCpu cpuUsed, List<LagSample> samples) {
        long deltasRead = 0;
        long attachRetries = 0;
        long lastViewerEnd = Long.MIN_VALUE;
        List<ChunkTimes> times = new ArrayList<>();
        for (ThroughputJob job : jobs) {
            times.add(job.times());
            deltasRead += job.view().chunksRead();
            attachRetries += job.view().attachRetries();
            lastViewerEnd = Math.max(lastViewerEnd, job.view().lastReadNanos());
        }
        StepDelivery delivery = StepDelivery.of(times);
        boolean allWritten = !jobs.isEmpty() && delivery.lastWriteNanos() != ChunkTimes.NONE;
        double viewerDrainMs = allWritten ? (lastViewerEnd - delivery.lastWriteNanos()) / 1e6 : Double.NaN;
        double stateDrainMs = allWritten ? (state.lastFinalNanos() - delivery.lastWriteNanos()) / 1e6 : Double.NaN;
        List<String> reasons = SustainedRules.reasons(shape, delivery, viewerDrainMs, stateDrainMs, problems);
        return new StepReport(shape.index(), shape.jobs(), shape.intervalMs(), shape.chunksPerJob(), shape.askedRate(),
                delivery.offeredRate(), delivery.deliveredRate(), delivery.windowSeconds(), deltasRead, attachRetries,
                delivery.latency(), delivery.firstThird(), delivery.lastThird(), viewerDrainMs, stateDrainMs, hops,
                cpuUsed, reasons.isEmpty(), reasons, samples);
    }
}
