package io.tributary.schema.topic;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers of a record on {@code jobs.deltas}: the event's type, in plain ASCII beside the Avro
 * value, so that a reader that cares for one kind of event (the gateway's live tail for {@code STARTED},
 * an analytics consumer for {@code USAGE}) picks it out without decoding every record; and the
 * CloudEvents attributes in the binary mode of CloudEvents' Kafka binding ({@code ce_*} headers and
 * {@code content-type}), so that an event-driven platform routes the records as CloudEvents without
 * knowing Tributary. {@code ce_id} is {@code <jobId>:<seq>}: unique, and the same for the same event
 * however often it is written. The value stays the truth: a record without these headers (written by an
 * older ingest) is still a valid event.
 */
public final class JobEventHeaders {

    /** The event's {@link JobEventType} name, e.g. {@code STARTED}. */
    public static final String TYPE = "tributary.event-type";

    /** {@code ce_source} of the events the ingest writes. */
    public static final String INGEST_SOURCE = "/tributary/ingest";
    /** {@code ce_source} of the events the processor writes (an orphan's terminal event). */
    public static final String PROCESSOR_SOURCE = "/tributary/processor";
    /** The prefix of {@code ce_type}, followed by the event type in lower case, e.g. {@code .text_delta}. */
    public static final String CE_TYPE_PREFIX = CloudEventHeaders.TYPE_PREFIX + "job.";

    private static final byte[] STARTED = JobEventType.STARTED.name().getBytes(StandardCharsets.US_ASCII);

    private JobEventHeaders() {
    }

    /**
     * The headers to write with the event.
     *
     * @param source the writer, as {@code ce_source}: {@link #INGEST_SOURCE} or {@link #PROCESSOR_SOURCE}
     */
    public static Headers of(JobEvent event, String source) {
        Headers headers = CloudEventHeaders.of(event.getJobId() + ":" + event.getSeq(), source,
                CE_TYPE_PREFIX + event.getType().name().toLowerCase(Locale.ROOT), event.getTimestamp(),
                event.getJobId(), JobEvent.getClassSchema().getFullName());
        headers.add(TYPE, event.getType().name().getBytes(StandardCharsets.US_ASCII));
        return headers;
    }

    /** Whether the record's headers say it holds a job's {@code STARTED} event; no decoding, no copy. */
    public static boolean isStarted(Headers headers) {
        Header type = headers.lastHeader(TYPE);
        return type != null && Arrays.equals(type.value(), STARTED);
    }
}
