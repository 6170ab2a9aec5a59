package io.tributary.gateway.api;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import io.tributary.gateway.config.GatewayMetrics;
import io.tributary.gateway.config.GatewayMetrics.AbortOutcome;
import io.tributary.gateway.kafka.JobCommandPublisher;
import io.tributary.schema.CommandType;
import io.tributary.schema.JobCommand;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Decides whether a user's job can be aborted and, if so, sends the ABORT command to the ingest
 * instance that runs it, through {@code jobs.control}; the answer waits for Kafka's acknowledgement,
 * so {@code aborted: true} means the command is durably on its way, not that the job has ended yet
 * (its {@code aborted} event follows on the stream).
 *
 * <p>It decides on the job from the freshest source ({@link JobLookup#findCurrent}): a timeline open on
 * this gateway, which follows the log, wins over a lagging {@code jobs.state}. A job that ends while its command is on the way is no harm: the ingest
 * ignores a command for a job it no longer runs, and the first terminal event wins everywhere.
 */
final class JobAborts {

    private static final Logger log = LoggerFactory.getLogger(JobAborts.class);
    /** The reason the ingest records on the job's {@code aborted} event. */
    static final String USER_REASON = "user";

    private final JobCommandPublisher commands;
    private final Clock clock;
    private final GatewayMetrics metrics;

    JobAborts(JobCommandPublisher commands, Clock clock, GatewayMetrics metrics) {
        this.commands = commands;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Aborts the job, as current on the log, on behalf of its user, who has been checked to own it. */
    Mono<AbortAnswer> abort(JobState job, String userId) {
        if (job.getStatus() != JobStatus.STREAMING) {
            metrics.abortRequested(AbortOutcome.NOT_STREAMING);
            return Mono.just(AbortAnswer.NOT_STREAMING);
        }
        return commands.publish(abortCommand(job, userId))
                .map(written -> {
                    metrics.abortRequested(AbortOutcome.SENT);
                    return AbortAnswer.ABORTED;
                })
                .onErrorMap(error -> {
                    log.warn("Abort of job {} could not be written to jobs.control", job.getJobId(), error);
                    metrics.abortRequested(AbortOutcome.UNAVAILABLE);
                    return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                            "The abort could not be delivered right now; retry");
                });
    }

    private JobCommand abortCommand(JobState job, String userId) {
        return JobCommand.newBuilder()
                .setJobId(job.getJobId())
                .setType(CommandType.ABORT)
                .setReason(USER_REASON)
                .setRequestedBy(userId)
                // The topic keeps milliseconds; truncating here makes the command equal to what is read back.
                .setTimestamp(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }
}
