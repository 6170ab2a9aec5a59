package io.tributary.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.ingest.sse.SseLimits;
import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.Fixtures;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.ingest.upstream.RetryProperties;
import io.tributary.ingest.upstream.UpstreamClient;
import io.tributary.ingest.upstream.UpstreamProperties;
import io.tributary.ingest.upstream.UpstreamRequest;
import io.tributary.ingest.upstream.UpstreamRetry;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobMode;
import io.tributary.schema.JobStatus;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A job whose upstream floods it shares its worker with the others: on a job scheduler of a single
 * thread, over real HTTP, a healthy job started beside a flood completes while the flood goes on.
 */
class JobRunnerFairnessTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private final ScriptedUpstream upstream = ScriptedUpstream.start();
    private final Scheduler oneThread = Schedulers.newBoundedElastic(1, 100_000, "one-job-thread");
    private final FloodTolerantPublisher publisher = new FloodTolerantPublisher("flood");
    private final JobRegistry registry = new JobRegistry();
    private final JobMetrics metrics = new JobMetrics(new SimpleMeterRegistry(), registry);
    private final IngestJob.JobParts parts = new IngestJob.JobParts(publisher, registry, metrics, 100_000_000,
            new SseLimits(4096, 4096), Clock.systemUTC(), InstanceLiveness.always("ingest-test"));
    private final JobRunner runner = new JobRunner(
            new UpstreamClient(WebClient.create(), new UpstreamProperties(upstream.baseUrl(), null, false,
                    Duration.ofSeconds(5), 10), JSON),
            new UpstreamRetry(new RetryProperties(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO, 0),
                    Clock.systemUTC(), Schedulers.parallel(), () -> 0),
            metrics, oneThread);

    @AfterEach
    void stop() {
        upstream.close();
        oneThread.dispose();
    }

    @Test
    void shouldCompleteAHealthyJobWhileAFloodingOneSharesItsOnlyThread() throws InterruptedException {
        CountDownLatch floodClosed = new CountDownLatch(1);
        upstream.on("flood", ScriptedUpstream.endless(new byte[0], tinyChunks(64 * 1024), 0, floodClosed));
        upstream.on("healthy", ScriptedUpstream.stream(Fixtures.transcript("basic-text"), 7));
        IngestJob flood = job("flood");
        IngestJob healthy = job("healthy");

        runner.runInBackground(flood, request("flood"));
        Awaitility.await().atMost(PROMPTLY).until(() -> publisher.flooded.get() > 10_000);
        runner.runInBackground(healthy, request("healthy"));

        Awaitility.await().atMost(PROMPTLY).until(healthy::hasEnded);
        assertThat(flood.hasEnded()).as("the flood goes on").isFalse();
        List<JobEvent> events = publisher.kept();
        ExpectedJob.assertWellFormed(events);
        assertThat(ExpectedJob.fold(events).getStatus()).isEqualTo(JobStatus.COMPLETE);
        ExpectedJob.assertMatches(ExpectedJob.fold(events), Fixtures.expected("basic-text"));

        flood.abort(AbortSource.COMMAND, "enough");
        assertThat(floodClosed.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).as("flood's upstream closed").isTrue();
    }

    private IngestJob job(String model) {
        IngestJob job = new IngestJob(model, new JobSpec("user-1", "t", "m", model, JobMode.BACKGROUND), "ingest-test", parts);
        registry.add(job);
        job.writeStarted();
        return job;
    }

    private static UpstreamRequest request(String model) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        return new UpstreamRequest(body, null);
    }

    private static byte[] tinyChunks(int size) {
        byte[] chunk = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] chunks = new byte[size / chunk.length * chunk.length];
        for (int at = 0; at < chunks.length; at += chunk.length) {
            System.arraycopy(chunk, 0, chunks, at, chunk.length);
        }
        return chunks;
    }

    /** Keeps the events of every job but one, whose events it only counts: a flood of them would fill the heap. */
    private static final class FloodTolerantPublisher implements JobEventPublisher {

        private final String floodJobId;
        private final List<JobEvent> kept = new ArrayList<>();
        final AtomicLong flooded = new AtomicLong();

        FloodTolerantPublisher(String floodJobId) {
            this.floodJobId = floodJobId;
        }

        @Override
        public CompletableFuture<?> publish(JobEvent event, @Nullable String traceparent) {
            if (event.getJobId().equals(floodJobId) && event.getType() == JobEventType.TEXT_DELTA) {
                flooded.incrementAndGet();
            } else {
                synchronized (kept) {
                    kept.add(event);
                }
            }
            return CompletableFuture.completedFuture(null);
        }

        List<JobEvent> kept() {
            synchronized (kept) {
                return kept.stream().filter(event -> !event.getJobId().equals(floodJobId)).toList();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void discardUnsent() {
        }
    }
}
