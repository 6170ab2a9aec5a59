package io.tributary.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.ingest.limit.RefusalKind;
import io.tributary.ingest.sse.SseLimits;
import io.tributary.ingest.upstream.UpstreamResponse;
import io.tributary.schema.JobMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A job's place (for its user and on the instance) is free again the moment the job ends, however it ends. */
class JobCapacityTest {

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final JobRegistry registry = new JobRegistry(1, 1);
    private final AtomicBoolean leaseValid = new AtomicBoolean(true);
    private final IngestJob.JobParts parts = new IngestJob.JobParts(publisher, registry,
            new JobMetrics(new SimpleMeterRegistry(), registry), 100_000, new SseLimits(1024, 1024),
            Clock.systemUTC(), new InstanceLivenessStub());

    static Stream<Arguments> endings() {
        return Stream.of(
                ending("completed", (test, job) -> job.onUpstreamBytes(bytes("data: [DONE]\n\n"))),
                ending("failed by the upstream", (test, job) -> job.onUpstreamRejected(
                        new UpstreamResponse.Rejected(400, null, "bad", "bad", null, null))),
                ending("disconnected", (test, job) -> job.onUpstreamEnd()),
                ending("aborted", (test, job) -> job.abort(AbortSource.COMMAND, "stop")),
                ending("timed out", (test, job) -> job.timeOut(TimeoutKind.IDLE)),
                ending("shut down", (test, job) -> new JobShutdown(test.registry, test.publisher, () -> { }).stop()),
                ending("refused by the log", (test, job) -> {
                    test.publisher.refuseWhen(event -> true);
                    job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n"));
                }),
                ending("fenced", (test, job) -> job.fence()),
                ending("fenced at its next write", (test, job) -> {
                    test.leaseValid.set(false);
                    job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n"));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endings")
    void shouldFreeTheJobsPlaceWhenItEnds(String how, Ending ending) {
        IngestJob running = job("job-1", "ann");
        assertThat(registry.tryAdd(running)).isNull();
        running.writeStarted();
        assertThat(registry.tryAdd(job("job-2", "ann"))).isEqualTo(RefusalKind.INSTANCE_CAPACITY);

        ending.end(this, running);

        assertThat(running.hasEnded()).as("ended").isTrue();
        assertThat(registry.size()).isZero();
        assertThat(registry.runningOf("ann")).isZero();
        if (!"shut down".equals(how)) {
            assertThat(registry.tryAdd(job("job-3", "ann"))).isNull();
        }
    }

    private IngestJob job(String jobId, String user) {
        return new IngestJob(jobId, new JobSpec(user, "t", "m", null, JobMode.BACKGROUND), "ingest-test", parts);
    }

    private static Arguments ending(String name, Ending ending) {
        return Arguments.of(name, ending);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    interface Ending {
        void end(JobCapacityTest test, IngestJob job);
    }

    private final class InstanceLivenessStub implements InstanceLiveness {

        @Override
        public Optional<String> activeInstanceId() {
            return leaseValid.get() ? Optional.of("ingest-test") : Optional.empty();
        }

        @Override
        public boolean mayWrite(String instanceId) {
            return leaseValid.get();
        }
    }
}
