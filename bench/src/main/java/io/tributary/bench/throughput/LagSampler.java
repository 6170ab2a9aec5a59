package io.tributary.bench.throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the pipeline's figures and the processes' CPU once a second while a step runs, on a thread of its
 * own, so that a lag that builds up and drains again within the step is seen (the step's totals alone would
 * hide it).
 */
final class LagSampler implements AutoCloseable {

    private static final long PERIOD_MILLIS = 1_000;

    private final PipelineMetrics metrics;
    private final CpuClock cpu;
    private final int machineCores = Runtime.getRuntime().availableProcessors();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "throughput-lag-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<LagSample> samples = new ArrayList<>();
    private final long stepStartNanos;
    private PipelineScrape lastScrape;
    private CpuSnapshot lastCpu;

    private LagSampler(PipelineMetrics metrics, CpuClock cpu, long stepStartNanos, PipelineScrape firstScrape,
            CpuSnapshot firstCpu) {
        this.metrics = metrics;
        this.cpu = cpu;
        this.stepStartNanos = stepStartNanos;
        this.lastScrape = firstScrape;
        this.lastCpu = firstCpu;
    }

    /** Starts sampling, the first interval beginning with the given figures (those the step starts from). */
    static LagSampler start(PipelineMetrics metrics, CpuClock cpu, long stepStartNanos, PipelineScrape firstScrape,
            CpuSnapshot firstCpu) {
        LagSampler sampler = new LagSampler(metrics, cpu, stepStartNanos, firstScrape, firstCpu);
        sampler.timer.scheduleAtFixedRate(() -> {
            try {
                sampler.sample();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sample() throws InterruptedException {
        PipelineScrape scrape = metrics.scrape();
        CpuSnapshot used = cpu.read();
        LagSample sample = LagSample.between(lastScrape, scrape, lastCpu, used, stepStartNanos, machineCores);
        synchronized (samples) {
            samples.add(sample);
        }
        lastScrape = scrape.orTimersOf(lastScrape);
        lastCpu = used;
    }

    /**
     * Stops the timer and takes a last sample, which ends the step's figures.
     *
     * @return every sample, in order, and the last scrape and CPU reading
     */
    Finished finish() throws InterruptedException {
        close();
        sample();
        return new Finished(List.copyOf(samples), lastScrape, lastCpu);
    }

    /** The samples of a step and the figures it ended with. */
    record Finished(List<LagSample> samples, PipelineScrape lastScrape, CpuSnapshot lastCpu) {
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
