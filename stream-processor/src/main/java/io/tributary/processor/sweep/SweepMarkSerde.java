package io.tributary.processor.sweep;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of a {@link SweepMark} in the sweeper's store and its changelog: a format version, the
 * terminal seq, and the epoch milliseconds of the TIMEOUT command ({@value #NO_TIMEOUT} for none).
 * The mark never leaves the processor, so it needs no Avro schema; the version byte lets a later
 * release read what this one wrote.
 *
 * <p>Version 1 held a flag instead of the command's time. Such a mark is read as "no command sent":
 * the sweeper sends the TIMEOUT again and counts the escalation from then, rather than guess a time
 * and end a job whose owner was asked only a moment before the upgrade.
 */
public final class SweepMarkSerde {

    private static final byte VERSION = 2;
    private static final int SIZE = 1 + Long.BYTES + Long.BYTES;
    private static final byte VERSION_1 = 1;
    private static final int VERSION_1_SIZE = 1 + Long.BYTES + 1;
    private static final long NO_TIMEOUT = -1;

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
            Instant timeoutRequestedAt = mark.timeoutRequestedAt();
            return ByteBuffer.allocate(SIZE)
                    .put(VERSION)
                    .putLong(mark.terminalSeq())
                    .putLong(timeoutRequestedAt == null ? NO_TIMEOUT : timeoutRequestedAt.toEpochMilli())
                    .array();
        }
    }

    private static final class MarkDeserializer implements Deserializer<SweepMark> {

        @Override
        public @Nullable SweepMark deserialize(String topic, byte @Nullable [] bytes) {
            if (bytes == null) {
                return null;
            }
            if (bytes.length == VERSION_1_SIZE && bytes[0] == VERSION_1) {
                return new SweepMark(ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong(), null);
            }
            if (bytes.length != SIZE || bytes[0] != VERSION) {
                throw new SerializationException("Not a sweep mark of version " + VERSION_1 + " or " + VERSION
                        + " (" + bytes.length + " bytes)");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, SIZE - 1);
            long terminalSeq = buffer.getLong();
            long timeoutRequestedAt = buffer.getLong();
            return new SweepMark(terminalSeq,
                    timeoutRequestedAt == NO_TIMEOUT ? null : Instant.ofEpochMilli(timeoutRequestedAt));
        }
    }
}
