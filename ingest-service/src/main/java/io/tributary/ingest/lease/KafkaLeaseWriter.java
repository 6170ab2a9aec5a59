package io.tributary.ingest.lease;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.tributary.schema.InstanceLease;
import io.tributary.schema.topic.CloudEventHeaders;
import io.tributary.schema.topic.JobEventHeaders;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Writes leases to {@code ingest.leases}, keyed by instance id, with a producer of its own: a lease
 * never waits behind a batch of job events, and its timeouts follow the lease, not the events. A
 * renewal that is not acknowledged within the lease's duration is worthless, so it fails by then.
 */
public final class KafkaLeaseWriter implements LeaseWriter {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, InstanceLease> producer;

    /**
     * @param settings the application's producer settings; idempotence, {@code acks=all} and the
     *     timeouts are set here
     */
    public KafkaLeaseWriter(Map<String, Object> settings, LeaseProperties lease) {
        Map<String, Object> own = new HashMap<>(settings);
        own.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        own.put(ProducerConfig.ACKS_CONFIG, "all");
        own.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        int leaseMillis = Math.toIntExact(lease.duration().toMillis());
        own.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, leaseMillis);
        // A request to a leader that froze is given up after two renewal intervals and sent again (to the
        // new leader once there is one), rather than holding the renewal until the lease is gone.
        own.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Math.toIntExact(Math.min(leaseMillis, 2 * lease.renewInterval().toMillis())));
        own.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, lease.renewInterval().toMillis());
        Object clientId = settings.get(ProducerConfig.CLIENT_ID_CONFIG);
        if (clientId != null) {
            own.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-leases");
        }
        this.producer = new KafkaProducer<>(own, Topics.INGEST_LEASES.keySerde().serializer(),
                Topics.INGEST_LEASES.valueSerde().serializer());
    }

    /** The lease as a CloudEvent in binary mode: one id per instance and renewal. */
    static Headers cloudEvent(InstanceLease lease) {
        return CloudEventHeaders.of(lease.getInstanceId() + ":" + lease.getRenewedAt().toEpochMilli(),
                JobEventHeaders.INGEST_SOURCE, CloudEventHeaders.TYPE_PREFIX + "ingest.lease", lease.getRenewedAt(),
                lease.getInstanceId(), InstanceLease.getClassSchema().getFullName());
    }

    @Override
    public CompletableFuture<?> write(InstanceLease lease) {
        CompletableFuture<Object> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(Topics.INGEST_LEASES.name(), null, lease.getInstanceId(), lease,
                            cloudEvent(lease)),
                    (metadata, error) -> {
                        if (error != null) {
                            acknowledged.completeExceptionally(error);
                        } else {
                            acknowledged.complete(metadata);
                        }
                    });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
