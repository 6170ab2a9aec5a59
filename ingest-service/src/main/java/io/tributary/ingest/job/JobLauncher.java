package io.tributary.ingest.job;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.tributary.ingest.limit.JobRefusedException;
import io.tributary.ingest.upstream.UpstreamRequest;
import io.tributary.schema.JobMode;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Starts jobs: picks the jobId, admits the job (lease and limits) and writes its STARTED event. A
 * job exists for callers only once the log has stored that event, so a jobId handed out always
 * names a job that readers can find.
 */
public final class JobLauncher {

    private final IngestJob.JobParts parts;
    private final JobAdmission admission;
    private final JobRunner runner;
    private final Scheduler scheduler;

    public JobLauncher(IngestJob.JobParts parts, JobAdmission admission, JobRunner runner, Scheduler scheduler) {
        this.parts = parts;
        this.admission = admission;
        this.runner = runner;
        this.scheduler = scheduler;
    }

    /**
     * Starts a background job. Once its STARTED event is handed to the log the job runs to its end
     * whatever the caller does next, so that a caller who goes away before the answer still finds the
     * job by its thread and message.
     *
     * @return emits the job once its STARTED event is stored; fails with {@link JobRefusedException}
     *     when a limit refuses it, with {@link JobNotRecordedException} when the log refused it
     */
    public Mono<IngestJob> startInBackground(JobSpec spec, UpstreamRequest request) {
        return start(spec, JobMode.BACKGROUND, (job, started) ->
                started.thenRun(() -> scheduler.schedule(() -> runner.runInBackground(job, request))));
    }

    /**
     * Starts a foreground job; the caller then opens and relays its upstream with {@link JobRunner}.
     * A caller who goes away before the STARTED event is stored aborts the job.
     */
    public Mono<IngestJob> startInForeground(JobSpec spec) {
        return start(spec, JobMode.FOREGROUND, (job, started) -> { });
    }

    private Mono<IngestJob> start(JobSpec spec, JobMode mode, AfterStart afterStart) {
        if (spec.mode() != mode) {
            throw new IllegalArgumentException("A " + spec.mode() + " job cannot start in " + mode + " mode");
        }
        // The first send to a topic may block on the Kafka client's metadata: never on an I/O thread.
        return Mono.defer(() -> {
                    IngestJob job = new IngestJob(UUID.randomUUID().toString(), spec, admission.instanceIdForNewJob(),
                            parts);
                    admission.admit(job);
                    parts.metrics().started(mode);
                    CompletableFuture<?> started = job.writeStarted();
                    afterStart.accept(job, started);
                    Mono<IngestJob> stored = Mono.fromFuture(started, true)
                            .onErrorMap(e -> new JobNotRecordedException(job.jobId(), e))
                            .thenReturn(job);
                    return mode == JobMode.FOREGROUND
                            ? stored.doOnCancel(() -> job.abort(AbortSource.CALLER_DISCONNECTED,
                                    JobRunner.CLIENT_DISCONNECTED))
                            : stored;
                })
                .subscribeOn(scheduler)
                // Go on on the job scheduler, not on the Kafka client's I/O thread that completed the send.
                .publishOn(scheduler);
    }

    @FunctionalInterface
    private interface AfterStart {
        void accept(IngestJob job, CompletableFuture<?> started);
    }
}
