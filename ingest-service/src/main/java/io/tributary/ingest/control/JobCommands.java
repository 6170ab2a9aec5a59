package io.tributary.ingest.control;

import java.util.Optional;

import io.tributary.ingest.job.AbortSource;
import io.tributary.ingest.job.IngestJob;
import io.tributary.ingest.job.JobMetrics;
import io.tributary.ingest.job.JobRegistry;
import io.tributary.ingest.job.TimeoutKind;
import io.tributary.schema.CommandType;
import io.tributary.schema.JobCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a command to the job it names, when that job runs on this instance: ABORT ends it
 * ABORTED with the command's reason, TIMEOUT ends it FAILED(TIMEOUT) "Job timed out"; either way its
 * upstream request is cancelled at once. Commands for jobs that do not run here (another instance's,
 * or already ended) are ignored, as are types this version does not know.
 */
public final class JobCommands {

    /** The abort reason when the command gives none. */
    static final String DEFAULT_ABORT_REASON = "aborted";

    private static final Logger log = LoggerFactory.getLogger(JobCommands.class);

    private final JobRegistry registry;
    private final JobMetrics metrics;

    public JobCommands(JobRegistry registry, JobMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /** @return whether the command ended a job of this instance */
    public boolean apply(JobCommand command) {
        Optional<IngestJob> job = registry.find(command.getJobId());
        boolean applied = job.isPresent() && switch (command.getType()) {
            case ABORT -> job.get().abort(AbortSource.COMMAND,
                    command.getReason() == null || command.getReason().isBlank()
                            ? DEFAULT_ABORT_REASON
                            : command.getReason());
            case TIMEOUT -> job.get().timeOut(TimeoutKind.COMMAND);
            default -> {
                log.warn("Ignored a command of unknown type for job {}", command.getJobId());
                yield false;
            }
        };
        if (applied) {
            log.info("Job {}: {} by command (requested by {})", command.getJobId(), command.getType(),
                    command.getRequestedBy());
        }
        metrics.command(command.getType() == null ? CommandType.UNKNOWN : command.getType(), applied);
        return applied;
    }
}
