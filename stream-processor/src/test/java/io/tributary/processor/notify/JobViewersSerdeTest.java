package io.tributary.processor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class JobViewersSerdeTest {

    private final Serde<JobViewers> serde = JobViewersSerde.serde();

    private final JobViewers two = new JobViewers(List.of(
            new ViewerConnection("gateway-1", "c-1", Instant.ofEpochMilli(1_700_000_000_123L),
                    Instant.ofEpochMilli(1_700_000_030_123L), false),
            new ViewerConnection("gätewày-\uD83D\uDE80", "", Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE), true)));

    @Test
    void shouldReadBackWhatItWrote() {
        for (JobViewers viewers : List.of(JobViewers.none(), two)) {
            assertThat(roundTrip(viewers)).isEqualTo(viewers);
        }
    }

    @Test
    void shouldKeepATombstoneNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldRefuseBytesOfAnotherVersion() {
        byte[] bytes = serde.serializer().serialize("t", two);
        bytes[0] = 2;

        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> serde.deserializer().deserialize("t", bytes));
    }

    @Test
    void shouldRefuseTruncatedOrPaddedBytesRatherThanInventConnections() {
        byte[] bytes = serde.serializer().serialize("t", two);

        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatExceptionOfType(SerializationException.class).as("%d of %d bytes", length, bytes.length)
                    .isThrownBy(() -> serde.deserializer().deserialize("t", truncated));
        }
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> serde.deserializer().deserialize("t", padded));
    }

    private JobViewers roundTrip(JobViewers viewers) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", viewers));
    }
}
