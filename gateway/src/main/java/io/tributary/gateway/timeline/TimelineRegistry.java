package io.tributary.gateway.timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.tributary.schema.JobState;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The open timelines of this gateway, one per job. A timeline is held while a request uses it; once
 * nobody has held it for the grace period it is evicted (its memory freed, its tail subscription
 * dropped), so a quick reconnect still resumes from memory while finished and unwatched jobs go away.
 * A timeline whose log cannot be read is dropped at once, so the next viewer starts afresh.
 */
public final class TimelineRegistry implements AutoCloseable {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final TimelineResources resources;
    private final Clock clock;
    private final Duration grace;

    /** Mutated only inside the map's atomic compute for its key. */
    private static final class Entry {
        final JobTimeline timeline;
        int holders;
        @Nullable Instant idleSince;

        Entry(JobTimeline timeline) {
            this.timeline = timeline;
        }
    }

    public TimelineRegistry(TimelineResources resources, Clock clock, Duration grace) {
        this.resources = resources;
        this.clock = clock;
        this.grace = grace;
    }

    /**
     * Runs {@code use} with the job's timeline (opened from {@code seed} if none is open), held until
     * the returned Mono terminates or is cancelled.
     */
    public <T> Mono<T> using(JobState seed, Function<JobTimeline, Mono<T>> use) {
        return Mono.usingWhen(
                Mono.fromSupplier(() -> acquire(seed)),
                use,
                timeline -> Mono.fromRunnable(() -> release(timeline)));
    }

    /** Whether a timeline of the job is open on this gateway; looks without opening one. */
    public boolean isOpen(String jobId) {
        return entries.containsKey(jobId);
    }

    /** How many timelines are open. */
    public int size() {
        return entries.size();
    }

    private JobTimeline acquire(JobState seed) {
        JobTimeline[] opened = new JobTimeline[1];
        Entry entry = entries.compute(seed.getJobId(), (jobId, existing) -> {
            Entry held = existing;
            if (held == null) {
                opened[0] = new JobTimeline(seed, resources, this::discard);
                held = new Entry(opened[0]);
            }
            held.holders++;
            held.idleSince = null;
            return held;
        });
        if (opened[0] != null) {
            opened[0].start();
        }
        return entry.timeline;
    }

    private void release(JobTimeline timeline) {
        boolean[] idle = new boolean[1];
        entries.computeIfPresent(timeline.jobId(), (jobId, entry) -> {
            if (entry.timeline == timeline && --entry.holders == 0) {
                entry.idleSince = clock.instant();
                idle[0] = true;
            }
            return entry;
        });
        if (idle[0]) {
            checkLater(timeline, grace);
        }
    }

    private void checkLater(JobTimeline timeline, Duration delay) {
        resources.scheduler().schedule(() -> evictIfIdle(timeline), Math.max(1, delay.toMillis()),
                TimeUnit.MILLISECONDS);
    }

    private void evictIfIdle(JobTimeline timeline) {
        Duration[] remaining = new Duration[1];
        Entry left = entries.computeIfPresent(timeline.jobId(), (jobId, entry) -> {
            Instant idleSince = entry.idleSince;
            if (entry.timeline != timeline || entry.holders > 0 || idleSince == null) {
                return entry;
            }
            Duration idleFor = Duration.between(idleSince, clock.instant());
            if (idleFor.compareTo(grace) >= 0) {
                return null;
            }
            // The timer and the clock may disagree by a little; look again when the grace is over.
            remaining[0] = grace.minus(idleFor);
            return entry;
        });
        if (remaining[0] != null) {
            checkLater(timeline, remaining[0]);
        } else if (left == null || left.timeline != timeline) {
            timeline.close();
        }
    }

    /** Drops a failed timeline; its holders release it into the void. */
    private void discard(JobTimeline timeline) {
        entries.computeIfPresent(timeline.jobId(), (jobId, entry) -> entry.timeline == timeline ? null : entry);
        timeline.close();
    }

    @Override
    public void close() {
        List<JobTimeline> open = entries.values().stream().map(entry -> entry.timeline).toList();
        entries.clear();
        open.forEach(JobTimeline::close);
    }
}
