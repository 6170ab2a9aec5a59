package io.tributary.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Checks the CloudEvents attributes (binary mode) of a record the processor wrote. */
public final class CloudEventAssertions {

    private CloudEventAssertions() {
    }

    /**
     * @param contentSchema the value's schema in {@code content-type}, or null for a tombstone (none)
     */
    public static void assertCloudEvent(Headers headers, String id, String type, String subject, String contentSchema) {
        Map<String, String> values = new HashMap<>();
        for (Header header : headers) {
            assertThat(values.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)))
                    .as("header %s once", header.key()).isNull();
        }
        assertThat(values).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", id)
                .containsEntry("ce_source", "/tributary/processor")
                .containsEntry("ce_type", type)
                .containsEntry("ce_subject", subject)
                .containsKey("ce_time");
        if (contentSchema == null) {
            assertThat(values).doesNotContainKey("content-type");
        } else {
            assertThat(values).containsEntry("content-type",
                    "application/avro; schema=" + contentSchema + "; encoding=single-object");
        }
    }
}
