package io.tributary.processor.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class SweepMarkSerdeTest {

    private final Serde<SweepMark> serde = SweepMarkSerde.serde();

    @Test
    void shouldReadBackWhatItWrote() {
        for (SweepMark mark : new SweepMark[] {SweepMark.none(), SweepMark.none().withOrphanTerminal(42),
                SweepMark.none().withTimeoutRequested(), new SweepMark(Long.MAX_VALUE, true)}) {
            assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", mark))).isEqualTo(mark);
        }
    }

    @Test
    void shouldKeepATombstoneNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldRefuseBytesOfAnotherVersion() {
        byte[] bytes = serde.serializer().serialize("t", SweepMark.none());
        bytes[0] = 2;

        assertThatExceptionOfType(SerializationException.class)
                .isThrownBy(() -> serde.deserializer().deserialize("t", bytes));
    }
}
