package io.tributary.ingest.job;

import io.tributary.schema.FailureReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * On an orderly shutdown: admits no new job, ends every job this instance still runs as interrupted
 * (their partial content stays), waits until the log has their terminal events, and only then
 * gives up the instance's liveness lease (a STOPPED lease), which tells the processor that this
 * instance will never write again. Stops first of all lifecycle beans, so the Kafka producers are
 * still open.
 */
public final class JobShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobShutdown.class);

    private final JobRegistry registry;
    private final JobEventPublisher publisher;
    private final Runnable afterJobsEnded;
    private volatile boolean running;

    /**
     * @param afterJobsEnded runs once every job has ended and the log has taken every event: gives
     *     up the lease
     */
    public JobShutdown(JobRegistry registry, JobEventPublisher publisher, Runnable afterJobsEnded) {
        this.registry = registry;
        this.publisher = publisher;
        this.afterJobsEnded = afterJobsEnded;
    }

    /** Admits jobs (again, when a stopped application context starts anew). */
    @Override
    public void start() {
        registry.open();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        registry.close();
        int interrupted = 0;
        for (IngestJob job : registry.running()) {
            if (job.fail(FailureReason.INTERRUPTED, "The ingest instance shut down")) {
                interrupted++;
            }
        }
        if (interrupted > 0) {
            log.info("Interrupted {} running job(s) on shutdown", interrupted);
        }
        // Every event handed over is stored or refused once this returns: nothing of ours follows the lease's end.
        publisher.flush();
        afterJobsEnded.run();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
