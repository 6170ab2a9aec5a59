package io.tributary.schema.topic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The CloudEvents attributes of a record in the binary mode of CloudEvents' Kafka protocol binding:
 * {@code ce_*} headers beside the value, and {@code content-type} naming the value's Avro schema and its
 * single-object encoding. An event-driven platform that routes CloudEvents takes Tributary's records as
 * they are, without decoding them.
 */
public final class CloudEventHeaders {

    /** The prefix of every {@code ce_type} Tributary writes. */
    public static final String TYPE_PREFIX = "io.tributary.";

    private CloudEventHeaders() {
    }

    /**
     * @param id unique within the source; the same for the same event however often it is written
     * @param source the writer, a URI reference such as {@code /tributary/gateway}
     * @param type what happened, e.g. {@code io.tributary.job.text_delta}
     * @param subject what it is about (a job's id, a user's)
     * @param valueSchema the full name of the value's Avro schema; null for a tombstone (no value, no
     *     {@code content-type})
     */
    public static Headers of(String id, String source, String type, Instant time, String subject,
            @Nullable String valueSchema) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, "ce_specversion", "1.0");
        add(headers, "ce_id", id);
        add(headers, "ce_source", source);
        add(headers, "ce_type", type);
        add(headers, "ce_time", time.toString());
        add(headers, "ce_subject", subject);
        if (valueSchema != null) {
            add(headers, "content-type", contentType(valueSchema));
        }
        return headers;
    }

    /** The {@code content-type} of a value of the schema. */
    public static String contentType(String valueSchema) {
        return "application/avro; schema=" + valueSchema + "; encoding=single-object";
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
