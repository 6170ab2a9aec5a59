package io.tributary.gateway.timeline;

import io.tributary.schema.JobEvent;
import io.tributary.schema.LogPosition;
import io.tributary.schema.serde.AvroSerde;
import io.tributary.schema.serde.AvroSerdes;
import io.tributary.support.tracing.TraceParent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event of {@code jobs.deltas} with the place where it lies in the log and the W3C {@code traceparent}
 * of its job's trace, when its record carries one.
 */
public record LoggedEvent(JobEvent event, LogPosition position, @Nullable String traceparent) {

    public LoggedEvent(JobEvent event, LogPosition position) {
        this(event, position, null);
    }

    private static final Logger log = LoggerFactory.getLogger(LoggedEvent.class);
    private static final AvroSerde<JobEvent> SERDE = AvroSerdes.jobEvent();

    public long seq() {
        return event.getSeq();
    }

    /**
     * The record's event, or null for a record that carries none (a tombstone) or that does not
     * decode. Such a record has no seq, so no viewer can miss it; it is logged and skipped rather than
     * stopping every job that shares its partition.
     */
    public static @Nullable LoggedEvent decode(ConsumerRecord<String, byte[]> record) {
        try {
            JobEvent event = SERDE.fromBytes(record.value());
            return event == null ? null : new LoggedEvent(event, new LogPosition(record.partition(), record.offset()),
                    TraceParent.of(record.headers()));
        } catch (SerializationException e) {
            log.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }
}
