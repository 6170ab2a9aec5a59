package io.tributary.schema.topic;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a record on {@code jobs.deltas}: the event's type, in plain ASCII beside the Avro
 * value. A reader that cares for one kind of event (the gateway's live tail for {@code STARTED}, an
 * analytics consumer for {@code USAGE}) picks it out without decoding every record. The value stays the
 * truth: a record without the header (written by an older ingest) is still a valid event.
 */
public final class JobEventHeaders {

    /** The event's {@link JobEventType} name, e.g. {@code STARTED}. */
    public static final String TYPE = "tributary.event-type";

    private static final byte[] STARTED = JobEventType.STARTED.name().getBytes(StandardCharsets.US_ASCII);

    private JobEventHeaders() {
    }

    /** The headers to write with the event. */
    public static Headers of(JobEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TYPE, event.getType().name().getBytes(StandardCharsets.US_ASCII));
        return headers;
    }

    /** Whether the record's headers say it holds a job's {@code STARTED} event; no decoding, no copy. */
    public static boolean isStarted(Headers headers) {
        Header type = headers.lastHeader(TYPE);
        return type != null && Arrays.equals(type.value(), STARTED);
    }
}
