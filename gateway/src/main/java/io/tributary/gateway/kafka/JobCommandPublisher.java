package io.tributary.gateway.kafka;

import java.time.Duration;

import io.tributary.schema.JobCommand;
import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes commands to {@code jobs.control}, keyed by jobId, so that a job's commands lie on the
 * partition of the same number as its events, where the ingest instance that runs the job reads them.
 * The producer is idempotent with {@code acks=all} and every wait bounded
 * ({@link KafkaClientSettings#producer}); one producer serves every request (it is thread-safe).
 */
public final class JobCommandPublisher implements AutoCloseable {

    private static final Topic<String, JobCommand> TOPIC = Topics.JOB_CONTROL;

    private final Producer<String, JobCommand> producer;

    /** @param timeout bounds each wait of a send; past it the send fails */
    public JobCommandPublisher(KafkaClients clients, Duration timeout) {
        this.producer = clients.producer("commands", timeout, TOPIC.keySerde().serializer(),
                TOPIC.valueSerde().serializer());
    }

    /**
     * Writes the command; completes once every in-sync replica has it, or fails (Kafka unreachable,
     * timed out). The send runs off the caller's thread: before its first write the producer blocks
     * while it fetches the topic's metadata, which must never hold an event-loop thread.
     */
    public Mono<RecordMetadata> publish(JobCommand command) {
        ProducerRecord<String, JobCommand> record = new ProducerRecord<>(TOPIC.name(), null, command.getJobId(), command,
                GatewayCloudEvents.headers(TOPIC.name(), command.getJobId(), command));
        return Mono.<RecordMetadata>create(sink -> producer.send(record, (written, error) -> {
                    if (error != null) {
                        sink.error(error);
                    } else {
                        sink.success(written);
                    }
                }))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
