package io.tributary.ingest.job;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a lost lease does to the jobs: every job running under the fenced instance id stops without
 * writing anything more (its upstream is cancelled, its place freed), then the job events not yet
 * sent to the broker are dropped, so none of them lands after the processor may have ended the job.
 * Each job's writer is closed first, and closing waits for a write in progress, so no event of these
 * jobs can reach the producer after the drop.
 */
public final class JobFencing implements Consumer<String> {

    private static final Logger log = LoggerFactory.getLogger(JobFencing.class);

    private final JobRegistry registry;
    private final JobEventPublisher publisher;

    public JobFencing(JobRegistry registry, JobEventPublisher publisher) {
        this.registry = registry;
        this.publisher = publisher;
    }

    @Override
    public void accept(String instanceId) {
        int fenced = 0;
        for (IngestJob job : registry.running()) {
            if (job.instanceId().equals(instanceId) && job.fence()) {
                fenced++;
            }
        }
        publisher.discardUnsent();
        log.error("Fenced {} job(s) of {} without terminal events; dropped the job events not yet sent", fenced,
                instanceId);
    }
}
