package io.tributary.gateway.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.gateway.sse.JobJson;
import io.tributary.gateway.sse.JobMessages;
import io.tributary.gateway.support.TestEvents;
import io.tributary.schema.JobState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class TimelineRegistryTest {

    private static final Duration GRACE = Duration.ofMillis(300);

    private final InMemoryLog log = new InMemoryLog();
    private final TestEvents job = new TestEvents("job-1");
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
    private final Scheduler scheduler = Schedulers.newSingle("registry-test");
    private volatile boolean historyFails;
    private final TimelineRegistry registry = new TimelineRegistry(new TimelineResources(
            new TailSubscriptions() {
                @Override
                public long subscribe(String jobId, int partition, Consumer<ConsumerRecord<String, byte[]>> listener) {
                    subscribed.add(jobId);
                    return log.end();
                }

                @Override
                public void unsubscribe(String jobId, Consumer<ConsumerRecord<String, byte[]>> listener) {
                    subscribed.remove(jobId);
                }
            },
            (jobId, partition, from, until) -> historyFails
                    ? CompletableFuture.failedFuture(new IllegalStateException("broker gone"))
                    : CompletableFuture.completedFuture(log.read(jobId, from, until)),
            new JobMessages(new JobJson()), scheduler, 16, new SimpleMeterRegistry().timer("deliveries")),
            Clock.systemUTC(), GRACE);

    @AfterEach
    void stop() {
        registry.close();
        scheduler.dispose();
    }

    @Test
    void shouldShareOneTimelinePerJobAndKeepItThroughAQuickReconnect() {
        JobState seed = streamingJob();

        JobTimeline first = registry.using(seed, Mono::just).block();
        JobTimeline second = registry.using(seed, Mono::just).block();

        assertThat(second).isSameAs(first);
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void shouldEvictATimelineNobodyHeldForTheGracePeriod() {
        JobState seed = streamingJob();
        JobTimeline held = registry.using(seed, Mono::just).block();
        long released = System.nanoTime();

        await().atMost(Duration.ofSeconds(5)).until(() -> registry.size() == 0);

        assertThat(Duration.ofNanos(System.nanoTime() - released)).isGreaterThanOrEqualTo(GRACE.minusMillis(20));
        await().until(() -> !subscribed.contains("job-1"));
        assertThat(registry.using(seed, Mono::just).block()).isNotSameAs(held);
    }

    @Test
    void shouldNotEvictATimelineWhileItIsHeld() throws InterruptedException {
        JobState seed = streamingJob();
        registry.using(seed, timeline -> Mono.never()).subscribe();

        Thread.sleep(GRACE.multipliedBy(3).toMillis());

        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void shouldDropATimelineWhoseLogCannotBeReadSoTheNextViewerStartsAfresh() {
        log.append(job.started("alice"), job.text(1, "a"));
        JobState stale = log.stateAt("job-1", 0);
        log.append(job.text(2, "b"));
        historyFails = true;

        JobTimeline failed = registry.using(stale, Mono::just).block();
        await().until(() -> registry.size() == 0);
        historyFails = false;

        JobTimeline next = registry.using(stale, Mono::just).block();
        assertThat(next).isNotSameAs(failed);
        assertThat(next.attach(new Cursor.Fresh()).block(Duration.ofSeconds(5))).isInstanceOf(Attachment.Stream.class);
    }

    private JobState streamingJob() {
        log.append(job.started("alice"));
        return log.stateAt("job-1", 0);
    }

}
