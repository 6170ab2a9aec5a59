package io.tributary.ingest.testing;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tributary.schema.CommandType;
import io.tributary.schema.JobCommand;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/** Writes commands to {@code jobs.control} as the gateway and the processor do. */
public final class ControlCommands implements AutoCloseable {

    private final KafkaProducer<String, JobCommand> producer;

    public ControlCommands(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                Topics.JOB_CONTROL.keySerde().serializer(), Topics.JOB_CONTROL.valueSerde().serializer());
    }

    public void abort(String jobId, @Nullable String reason) {
        send(jobId, CommandType.ABORT, reason);
    }

    public void timeout(String jobId) {
        send(jobId, CommandType.TIMEOUT, "the processor's backstop");
    }

    /** Writes the command and waits until the broker has it. */
    public void send(String jobId, CommandType type, @Nullable String reason) {
        JobCommand command = JobCommand.newBuilder()
                .setJobId(jobId)
                .setType(type)
                .setReason(reason)
                .setRequestedBy("test")
                .setTimestamp(Instant.now())
                .build();
        try {
            producer.send(new ProducerRecord<>(Topics.JOB_CONTROL.name(), jobId, command)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not write the command", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
