package io.tributary.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.ingest.limit.JobRefusedException;
import io.tributary.ingest.limit.LimitProperties;
import io.tributary.ingest.limit.RefusalKind;
import io.tributary.ingest.limit.StartRateLimiter;
import io.tributary.ingest.sse.SseLimits;
import io.tributary.ingest.testing.MutableClock;
import io.tributary.schema.JobMode;
import org.junit.jupiter.api.Test;

/** Who may start a job: a valid lease, room on the instance and for the user, starts left in the user's minute. */
class JobAdmissionTest {

    private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(7);
    private static final Duration NOT_READY_RETRY_AFTER = Duration.ofSeconds(2);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LimitProperties limits = new LimitProperties(2, 3, 4, BUSY_RETRY_AFTER);
    private final JobRegistry registry = new JobRegistry(limits.concurrentJobsPerUser(),
            limits.concurrentJobsPerInstance());
    private final JobMetrics metrics = new JobMetrics(meters, registry);
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final IngestJob.JobParts parts = new IngestJob.JobParts(publisher, registry, metrics,
            100_000, new SseLimits(1024, 1024), clock, InstanceLiveness.always("ingest-test"));
    private final JobAdmission admission = new JobAdmission(InstanceLiveness.always("ingest-test"), registry,
            new StartRateLimiter(limits.startsPerUserPerMinute(), Duration.ofMinutes(1), clock), metrics, limits,
            NOT_READY_RETRY_AFTER);
    private int jobs;

    @Test
    void shouldRefuseAUsersJobOverItsConcurrencyLimitWith429AndTheBusyHint() {
        admission.admit(job("ann"));
        admission.admit(job("ann"));

        JobRefusedException refused = catchThrowableOfType(JobRefusedException.class, () -> admission.admit(job("ann")));

        assertThat(refused.kind()).isEqualTo(RefusalKind.USER_CONCURRENCY);
        assertThat(refused.kind().status().value()).isEqualTo(429);
        assertThat(refused.getMessage()).isEqualTo("Too many running jobs: at most 2 at once");
        assertThat(refused.retryAfter()).isEqualTo(BUSY_RETRY_AFTER);
        assertThat(registry.runningOf("ann")).isEqualTo(2);
        assertThat(meters.counter("tributary.ingest.jobs.refused", "kind", "user_concurrency").count()).isEqualTo(1.0);
    }

    @Test
    void shouldRefuseAnyJobOverTheInstanceCapacityWith503ServerBusy() {
        admission.admit(job("ann"));
        admission.admit(job("ben"));
        admission.admit(job("cid"));

        JobRefusedException refused = catchThrowableOfType(JobRefusedException.class, () -> admission.admit(job("dee")));

        assertThat(refused.kind()).isEqualTo(RefusalKind.INSTANCE_CAPACITY);
        assertThat(refused.kind().status().value()).isEqualTo(503);
        assertThat(refused.getMessage()).isEqualTo("Server busy, try again later");
        assertThat(registry.size()).isEqualTo(3);
    }

    @Test
    void shouldRefuseTheFifthStartOfAMinuteAndKeepNoPlaceForIt() {
        for (int i = 0; i < 4; i++) {
            IngestJob job = job("ann");
            admission.admit(job);
            job.abort(AbortSource.COMMAND, "done");
            clock.advance(Duration.ofSeconds(5));
        }

        JobRefusedException refused = catchThrowableOfType(JobRefusedException.class, () -> admission.admit(job("ann")));

        assertThat(refused.kind()).isEqualTo(RefusalKind.USER_RATE);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(40));
        assertThat(refused.retryAfterSeconds()).isEqualTo(40);
        assertThat(registry.size()).isZero();
        clock.advance(Duration.ofSeconds(40));
        admission.admit(job("ann"));
    }

    @Test
    void shouldTakeNoRateTokenForAStartRefusedForCapacity() {
        IngestJob first = job("ann");
        admission.admit(first);
        admission.admit(job("ann"));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> admission.admit(job("ann"))).isInstanceOf(JobRefusedException.class)
                    .extracting(e -> ((JobRefusedException) e).kind()).isEqualTo(RefusalKind.USER_CONCURRENCY);
        }

        first.abort(AbortSource.COMMAND, "done");

        // Two starts so far: two more fit in the minute.
        admission.admit(job("ann"));
    }

    @Test
    void shouldRefuseWith503WhileNoLeaseIsHeld() {
        JobAdmission withoutLease = new JobAdmission(new InstanceLiveness() {
            @Override
            public Optional<String> activeInstanceId() {
                return Optional.empty();
            }

            @Override
            public boolean mayWrite(String instanceId) {
                return false;
            }
        }, registry, new StartRateLimiter(4, Duration.ofMinutes(1), clock), metrics, limits, NOT_READY_RETRY_AFTER);

        JobRefusedException refused = catchThrowableOfType(JobRefusedException.class, withoutLease::instanceIdForNewJob);

        assertThat(refused.kind()).isEqualTo(RefusalKind.NOT_READY);
        assertThat(refused.kind().status().value()).isEqualTo(503);
        assertThat(refused.retryAfter()).isEqualTo(NOT_READY_RETRY_AFTER);
    }

    @Test
    void shouldAdmitNothingOnceTheRegistryIsClosedForShutdown() {
        registry.close();

        JobRefusedException refused = catchThrowableOfType(JobRefusedException.class, () -> admission.admit(job("ann")));

        assertThat(refused.kind()).isEqualTo(RefusalKind.NOT_READY);
        assertThat(refused.retryAfter()).isEqualTo(NOT_READY_RETRY_AFTER);
    }

    @Test
    void shouldRoundRetryAfterUpToWholeSecondsAndNeverBelowOne() {
        assertThat(new JobRefusedException(RefusalKind.USER_RATE, "m", Duration.ofMillis(1500)).retryAfterSeconds())
                .isEqualTo(2);
        assertThat(new JobRefusedException(RefusalKind.USER_RATE, "m", Duration.ofMillis(10)).retryAfterSeconds())
                .isEqualTo(1);
        assertThat(new JobRefusedException(RefusalKind.USER_RATE, "m", Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
    }

    private IngestJob job(String user) {
        IngestJob job = new IngestJob("job-" + ++jobs, new JobSpec(user, "t", "m", null, JobMode.BACKGROUND),
                "ingest-test", parts);
        return job;
    }
}
