package io.tributary.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class IngestPropertiesTest {

    @Test
    void shouldGiveEachStartUnderOneNameAnIdOfItsOwn() {
        String first = withInstanceId("local-ingest-service").instanceId();
        String restarted = withInstanceId("local-ingest-service").instanceId();

        assertThat(first).matches("local-ingest-service-[0-9a-f]{8}");
        assertThat(restarted).matches("local-ingest-service-[0-9a-f]{8}").isNotEqualTo(first);
    }

    @Test
    void shouldPickARandomIdWhenNoneIsSet() {
        assertThat(withInstanceId("").instanceId()).matches("ingest-[0-9a-f-]{36}");
    }

    private static IngestProperties withInstanceId(String instanceId) {
        return new IngestProperties(instanceId, DataSize.ofMegabytes(1), DataSize.ofKilobytes(512),
                DataSize.ofKilobytes(512), 100_000, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofSeconds(1),
                false);
    }
}
