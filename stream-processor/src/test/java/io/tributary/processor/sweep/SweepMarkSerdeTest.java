package io.tributary.processor.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class SweepMarkSerdeTest {

    private final Serde<SweepMark> serde = SweepMarkSerde.serde();

    @Test
    void shouldReadBackWhatItWrote() {
        for (SweepMark mark : new SweepMark[] {SweepMark.none(), SweepMark.none().withTerminal(42),
                SweepMark.none().withTimeoutRequested(Instant.ofEpochMilli(1_700_000_000_123L)),
                new SweepMark(Long.MAX_VALUE, Instant.EPOCH)}) {
            assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", mark))).isEqualTo(mark);
        }
    }

    @Test
    void shouldReadAVersion1MarkAsNoTimeoutSentSoThatTheCommandIsSentAgainRatherThanEscalatedUnwaited() {
        byte[] version1 = ByteBuffer.allocate(10).put((byte) 1).putLong(7).put((byte) 1).array();

        assertThat(serde.deserializer().deserialize("t", version1)).isEqualTo(new SweepMark(7, null));
    }

    @Test
    void shouldKeepATombstoneNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldRefuseBytesOfAnotherVersion() {
        byte[] bytes = serde.serializer().serialize("t", SweepMark.none());
        bytes[0] = 3;

        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> serde.deserializer().deserialize("t", bytes));
    }
}
