package io.tributary.gateway.kafka;

import java.time.Instant;
import java.util.UUID;

import io.tributary.schema.topic.CloudEventHeaders;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The CloudEvents attributes of the records a gateway writes ({@code jobs.control}, {@code threads.prefs},
 * {@code notifications.marks}, {@code audit.access}, {@code jobs.viewers}): source {@code /tributary/gateway}, type
 * {@code io.tributary.<topic>}, subject the record's key, and a fresh id per record (the idempotent
 * producer writes a record once, with the id it was given).
 */
public final class GatewayCloudEvents {

    static final String SOURCE = "/tributary/gateway";

    private GatewayCloudEvents() {
    }

    public static Headers headers(String topic, String key, @Nullable Object value) {
        String schema = value instanceof GenericContainer record ? record.getSchema().getFullName() : null;
        return CloudEventHeaders.of(UUID.randomUUID().toString(), SOURCE, CloudEventHeaders.TYPE_PREFIX + topic,
                Instant.now(), key, schema);
    }
}
