package io.tributary.processor.sweep;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of a {@link SweepMark} in the sweeper's store and its changelog: a format version, the
 * seq, a flag. The mark never leaves the processor, so it needs no Avro schema; the version byte lets
 * a later release read what this one wrote.
 */
public final class SweepMarkSerde {

    private static final byte VERSION = 1;
    private static final int SIZE = 1 + Long.BYTES + 1;

    private SweepMarkSerde() {
    }

    public static Serde<SweepMark> serde() {
        return Serdes.serdeFrom(new MarkSerializer(), new MarkDeserializer());
    }

    private static final class MarkSerializer implements Serializer<SweepMark> {

        @Override
        public byte @Nullable [] serialize(String topic, @Nullable SweepMark mark) {
            if (mark == null) {
                return null;
            }
            return ByteBuffer.allocate(SIZE)
                    .put(VERSION)
                    .putLong(mark.orphanTerminalSeq())
                    .put((byte) (mark.timeoutRequested() ? 1 : 0))
                    .array();
        }
    }

    private static final class MarkDeserializer implements Deserializer<SweepMark> {

        @Override
        public @Nullable SweepMark deserialize(String topic, byte @Nullable [] bytes) {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != SIZE || bytes[0] != VERSION) {
                throw new SerializationException("Not a sweep mark of version " + VERSION + " (" + bytes.length + " bytes)");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, SIZE - 1);
            return new SweepMark(buffer.getLong(), buffer.get() == 1);
        }
    }
}
