package io.tributary.schema.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class JobEventHeadersTest {

    @Test
    void shouldNameTheEventTypeInPlainText() {
        var headers = JobEventHeaders.of(event(JobEventType.TEXT_DELTA), JobEventHeaders.INGEST_SOURCE);

        assertThat(new String(headers.lastHeader(JobEventHeaders.TYPE).value(), StandardCharsets.US_ASCII))
                .isEqualTo("TEXT_DELTA");
    }

    @Test
    void shouldTellAStartedEventFromTheOthersByItsHeaderAlone() {
        assertThat(JobEventHeaders.isStarted(headersOf(event(JobEventType.STARTED)))).isTrue();
        for (JobEventType type : JobEventType.values()) {
            if (type != JobEventType.STARTED) {
                assertThat(JobEventHeaders.isStarted(headersOf(event(type)))).as(type.name()).isFalse();
            }
        }
    }

    @Test
    void shouldCarryTheCloudEventsAttributesInBinaryMode() {
        JobEvent event = JobEvent.newBuilder().setJobId("job-1").setSeq(7).setType(JobEventType.REASONING_DELTA)
                .setTimestamp(Instant.parse("2026-12-07T10:00:00.123Z")).build();

        Headers headers = JobEventHeaders.of(event, JobEventHeaders.PROCESSOR_SOURCE);

        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_id")).isEqualTo("job-1:7");
        assertThat(text(headers, "ce_source")).isEqualTo("/tributary/processor");
        assertThat(text(headers, "ce_type")).isEqualTo("io.tributary.job.reasoning_delta");
        assertThat(text(headers, "ce_time")).isEqualTo("2026-12-07T10:00:00.123Z");
        assertThat(text(headers, "ce_subject")).isEqualTo("job-1");
        assertThat(text(headers, "content-type")).startsWith("application/avro; schema=io.tributary.schema.JobEvent");
    }

    @Test
    void shouldLeaveTheContentTypeOutOfATombstonesCloudEvent() {
        Headers headers = CloudEventHeaders.of("id-1", "/tributary/gateway", "io.tributary.threads.prefs",
                Instant.EPOCH, "alice/t1", null);

        assertThat(text(headers, "ce_type")).isEqualTo("io.tributary.threads.prefs");
        assertThat(text(headers, "ce_subject")).isEqualTo("alice/t1");
        assertThat(headers.lastHeader("content-type")).isNull();
    }

    @Test
    void shouldNotTakeARecordWithoutTheHeaderForAStart() {
        assertThat(JobEventHeaders.isStarted(new RecordHeaders())).isFalse();
    }

    private static Headers headersOf(JobEvent event) {
        return JobEventHeaders.of(event, JobEventHeaders.INGEST_SOURCE);
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static JobEvent event(JobEventType type) {
        return JobEvent.newBuilder().setJobId("job").setSeq(0).setType(type).setTimestamp(Instant.EPOCH).build();
    }
}
