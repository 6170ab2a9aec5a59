package io.tributary.bench.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

class DeliveryCheckTest {

    @Test
    void shouldCountDuplicatesReorderingsAndAppendsNeverReceived() {
        DeliveryCheck check = new DeliveryCheck();
        BitSet acknowledged = new BitSet();
        acknowledged.set(0, 6);

        assertThat(check.received(0)).isTrue();
        assertThat(check.received(2)).isTrue();
        assertThat(check.received(1)).isTrue();
        assertThat(check.received(2)).isFalse();
        assertThat(check.received(5)).isTrue();

        assertThat(check.distinct()).isEqualTo(4);
        assertThat(check.duplicates()).isEqualTo(1);
        assertThat(check.outOfOrder()).isEqualTo(1);
        assertThat(check.gaps(acknowledged)).isEqualTo(2);
    }

    @Test
    void shouldNotCountAsAGapAnAppendTheServerDidNotAcknowledge() {
        DeliveryCheck check = new DeliveryCheck();
        BitSet acknowledged = new BitSet();
        acknowledged.set(0);
        acknowledged.set(2);

        check.received(0);
        check.received(2);

        assertThat(check.gaps(acknowledged)).isZero();
        assertThat(check.outOfOrder()).isZero();
    }
}
