package io.tributary.ingest.job;

import io.tributary.schema.FailureReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * On an orderly shutdown, ends every job this instance still runs as interrupted (their partial
 * content stays), then waits until the log has their terminal events. Without it they would stay
 * "streaming" until the orphan detection of a later issue noticed. Stops first of all lifecycle
 * beans, so the Kafka producer is still open.
 */
public final class JobShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobShutdown.class);

    private final JobRegistry registry;
    private final JobEventPublisher publisher;
    private volatile boolean running;

    public JobShutdown(JobRegistry registry, JobEventPublisher publisher) {
        this.registry = registry;
        this.publisher = publisher;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        int interrupted = 0;
        for (IngestJob job : registry.running()) {
            if (job.fail(FailureReason.INTERRUPTED, "The ingest instance shut down")) {
                interrupted++;
            }
        }
        if (interrupted > 0) {
            log.info("Interrupted {} running job(s) on shutdown", interrupted);
            publisher.flush();
        }
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
