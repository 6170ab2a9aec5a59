package io.tributary.schema.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class JobEventHeadersTest {

    @Test
    void shouldNameTheEventTypeInPlainText() {
        var headers = JobEventHeaders.of(event(JobEventType.TEXT_DELTA));

        assertThat(new String(headers.lastHeader(JobEventHeaders.TYPE).value(), StandardCharsets.US_ASCII))
                .isEqualTo("TEXT_DELTA");
    }

    @Test
    void shouldTellAStartedEventFromTheOthersByItsHeaderAlone() {
        assertThat(JobEventHeaders.isStarted(JobEventHeaders.of(event(JobEventType.STARTED)))).isTrue();
        for (JobEventType type : JobEventType.values()) {
            if (type != JobEventType.STARTED) {
                assertThat(JobEventHeaders.isStarted(JobEventHeaders.of(event(type)))).as(type.name()).isFalse();
            }
        }
    }

    @Test
    void shouldNotTakeARecordWithoutTheHeaderForAStart() {
        assertThat(JobEventHeaders.isStarted(new RecordHeaders())).isFalse();
    }

    private static JobEvent event(JobEventType type) {
        return JobEvent.newBuilder().setJobId("job").setSeq(0).setType(type).setTimestamp(Instant.EPOCH).build();
    }
}
