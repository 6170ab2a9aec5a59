package io.tributary.bench.fanout;

import java.time.Duration;

/**
 * The shape of a fan-out run: {@code viewers} fresh viewers spread evenly over {@code jobs} jobs that
 * stream {@code rate} deltas per second in total. The viewers attach at {@code attachRate} per second
 * once the gateway knows every job; each job streams long enough for that ramp and then {@code duration}
 * more with every viewer attached (the full fan-out window, whose latency is the run's figure).
 *
 * @param jobs concurrent jobs
 * @param rate total deltas per second over all jobs
 * @param viewers concurrent viewers, viewer {@code i} watching job {@code i % jobs}
 * @param duration how long the jobs stream with every viewer attached
 * @param attachRate viewers attached per second: a steady ramp, so that neither the bench's connects nor
 *     the gateway's attaches come as one burst that the run would then measure instead of the streaming
 */
public record FanoutSettings(int jobs, int rate, int viewers, Duration duration, int attachRate) {
    /** Time for the jobs to become known to the gateway (the processor commits their state each second). */
    static final Duration LEAD = Duration.ofSeconds(5);

    public FanoutSettings {
        if (jobs < 1 || rate < 1 || viewers < 1 || attachRate < 1) {
            throw new IllegalArgumentException("--jobs, --rate, --viewers and --attach-rate must be positive");
        }
        if (viewers < jobs) {
            throw new IllegalArgumentException("--viewers must be at least --jobs: every job has a viewer");
        }
        if (jobs * 1000L / rate < 1) {
            throw new IllegalArgumentException("--rate " + rate + " needs at least " + (rate + 999) / 1000
                    + " jobs: the simulator paces each job in whole milliseconds");
        }
        if (duration.toMillis() < jobs * 1000L / rate) {
            throw new IllegalArgumentException("--duration is shorter than one chunk interval");
        }
    }

    /** The pause before each chunk of one job: jobs × 1000 / rate ms, rounded to whole milliseconds. */
    public int intervalMs() {
        return (int) Math.round(jobs * 1000.0 / rate);
    }

    /** How long attaching every viewer takes at the attach rate. */
    public Duration ramp() {
        return Duration.ofMillis(viewers * 1000L / attachRate);
    }

    /** Each job's chunks: enough for the lead, the ramp and the full fan-out window. */
    public int chunksPerJob() {
        return (int) (LEAD.plus(ramp()).plus(duration).toMillis() / intervalMs());
    }

    /** SSE messages the gateway writes per second once every viewer is attached: each delta to each of its job's viewers. */
    public double messagesPerSecond() {
        return jobs * 1000.0 / intervalMs() * viewers / jobs;
    }
}
