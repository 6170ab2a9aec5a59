package io.tributary.ingest.config;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.ingest.job.JobEventPublisher;
import io.tributary.ingest.job.JobLauncher;
import io.tributary.ingest.job.JobMetrics;
import io.tributary.ingest.job.JobRegistry;
import io.tributary.ingest.job.JobRunner;
import io.tributary.ingest.job.JobShutdown;
import io.tributary.ingest.upstream.UpstreamClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/** The job machinery: registry, launcher, runner and the scheduler their work runs on. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class JobConfiguration {

    private static final int IDLE_WORKER_TTL_SECONDS = 60;

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
    JobRegistry jobRegistry() {
        return new JobRegistry();
    }

    @Bean
    JobMetrics jobMetrics(MeterRegistry meters, JobRegistry registry) {
        return new JobMetrics(meters, registry);
    }

    @Bean
    JobRunner jobRunner(UpstreamClient upstream, Scheduler jobScheduler) {
        return new JobRunner(upstream, jobScheduler);
    }

    @Bean
    JobLauncher jobLauncher(JobEventPublisher publisher, JobRegistry registry, JobMetrics metrics, JobRunner runner,
            JsonMapper json, IngestProperties properties, Clock clock, Scheduler jobScheduler) {
        return new JobLauncher(publisher, registry, metrics, runner, json, properties.sseLimits(), clock,
                properties.instanceId(), jobScheduler);
    }

    @Bean
    JobShutdown jobShutdown(JobRegistry registry, JobEventPublisher publisher) {
        return new JobShutdown(registry, publisher);
    }
}
