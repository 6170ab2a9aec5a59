package io.tributary.ingest.config;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.tributary.ingest.job.IngestJob;
import io.tributary.ingest.job.JobAdmission;
import io.tributary.ingest.job.JobEventPublisher;
import io.tributary.ingest.job.JobLauncher;
import io.tributary.ingest.job.JobMetrics;
import io.tributary.ingest.job.JobRegistry;
import io.tributary.ingest.job.JobRunner;
import io.tributary.ingest.job.JobShutdown;
import io.tributary.ingest.job.JobTimeouts;
import io.tributary.ingest.lease.LeaseProperties;
import io.tributary.ingest.lease.LeasePublisher;
import io.tributary.ingest.limit.LimitProperties;
import io.tributary.ingest.limit.StartRateLimiter;
import io.tributary.ingest.trace.JobTracing;
import io.tributary.ingest.trace.MicrometerJobTracing;
import io.tributary.ingest.upstream.UpstreamClient;
import io.tributary.ingest.upstream.UpstreamRetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The job machinery: registry and limits, launcher, runner, timeouts, shutdown, and the scheduler their work runs on. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngestProperties.class, LimitProperties.class})
class JobConfiguration {

    private static final int IDLE_WORKER_TTL_SECONDS = 60;
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Where upstream bytes are parsed and events produced. Bounded-elastic because the Kafka client
     * may block a send briefly (metadata, a full buffer); a job's chunks stay on one worker in order.
     */
    @Bean(destroyMethod = "dispose")
    Scheduler jobScheduler() {
        return Schedulers.newBoundedElastic(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE,
                Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE, "ingest-job", IDLE_WORKER_TTL_SECONDS, true);
    }

    @Bean
    JobRegistry jobRegistry(LimitProperties limits) {
        return new JobRegistry(limits.concurrentJobsPerUser(), limits.concurrentJobsPerInstance());
    }

    @Bean
    JobMetrics jobMetrics(MeterRegistry meters, JobRegistry registry) {
        return new JobMetrics(meters, registry);
    }

    @Bean
    JobRunner jobRunner(UpstreamClient upstream, UpstreamRetry upstreamRetry, JobMetrics metrics,
            Scheduler jobScheduler) {
        return new JobRunner(upstream, upstreamRetry, metrics, jobScheduler);
    }

    @Bean
    JobAdmission jobAdmission(LeasePublisher lease, LeaseProperties leaseProperties, JobRegistry registry,
            JobMetrics metrics, LimitProperties limits, Clock clock) {
        return new JobAdmission(lease, registry, new StartRateLimiter(limits.startsPerUserPerMinute(), RATE_WINDOW, clock),
                metrics, limits, leaseProperties.renewInterval());
    }

    /**
     * Each job's span, continuing the trace of the request that started it; the tracer and its W3C
     * propagator are Spring Boot's (Micrometer Tracing on OpenTelemetry). Without them, callers'
     * traceparents are passed on as they came.
     */
    @Bean
    JobTracing jobTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer available = tracer.getIfAvailable();
        Propagator w3c = propagator.getIfAvailable();
        return available == null || w3c == null ? JobTracing.PASS_THROUGH : new MicrometerJobTracing(available, w3c);
    }

    @Bean
    JobLauncher jobLauncher(JobEventPublisher publisher, JobRegistry registry, JobMetrics metrics, JobRunner runner,
            JobAdmission admission, LeasePublisher lease, IngestProperties properties, Clock clock,
            Scheduler jobScheduler, JobTracing tracing) {
        IngestJob.JobParts parts = new IngestJob.JobParts(publisher, registry, metrics, properties.maxEventsPerJob(),
                properties.sseLimits(), clock, lease, properties.captureRaw(), tracing);
        return new JobLauncher(parts, admission, runner, jobScheduler);
    }

    @Bean
    JobTimeouts jobTimeouts(JobRegistry registry, Clock clock, IngestProperties properties, Scheduler jobScheduler) {
        return new JobTimeouts(registry, clock, properties.maxDuration(), properties.idleTimeout(),
                properties.timeoutCheckInterval(), jobScheduler);
    }

    @Bean
    JobShutdown jobShutdown(JobRegistry registry, JobEventPublisher publisher, LeasePublisher lease) {
        return new JobShutdown(registry, publisher, lease::release);
    }
}
