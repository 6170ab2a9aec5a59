package io.tributary.ingest.publish;

import java.util.concurrent.CompletableFuture;

import io.tributary.ingest.job.JobEventPublisher;
import io.tributary.schema.JobEvent;
import io.tributary.schema.topic.Topics;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes job events to {@code jobs.deltas}, keyed by jobId, so that one job's events share one
 * partition and keep their order.
 */
public final class KafkaJobEventPublisher implements JobEventPublisher {

    private final KafkaTemplate<String, JobEvent> template;

    public KafkaJobEventPublisher(KafkaTemplate<String, JobEvent> template) {
        this.template = template;
    }

    @Override
    public CompletableFuture<?> publish(JobEvent event) {
        return template.send(Topics.JOB_DELTAS.name(), event.getJobId(), event);
    }

    @Override
    public void flush() {
        template.flush();
    }
}
