package io.tributary.processor.notify;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of a {@link JobViewers} in the presence store and its changelog: a format version, the
 * number of connections, then per connection its gateway id and connection id (each an int length and
 * UTF-8 bytes), its join and end as epoch milliseconds, and a byte that says whether it left. The value
 * never leaves the processor, so it needs no Avro schema; the version byte lets a later release read
 * what this one wrote.
 */
public final class JobViewersSerde {

    private static final byte VERSION = 1;
    private static final int FIXED_PER_CONNECTION = Integer.BYTES * 2 + Long.BYTES * 2 + 1;

    private JobViewersSerde() {
    }

    public static Serde<JobViewers> serde() {
        return Serdes.serdeFrom(new ViewersSerializer(), new ViewersDeserializer());
    }

    private static final class ViewersSerializer implements Serializer<JobViewers> {

        @Override
        public byte @Nullable [] serialize(String topic, @Nullable JobViewers viewers) {
            if (viewers == null) {
                return null;
            }
            List<byte[]> ids = new ArrayList<>();
            int size = 1 + Integer.BYTES;
            for (ViewerConnection connection : viewers.connections()) {
                byte[] gateway = connection.gatewayId().getBytes(StandardCharsets.UTF_8);
                byte[] id = connection.connectionId().getBytes(StandardCharsets.UTF_8);
                ids.add(gateway);
                ids.add(id);
                size += FIXED_PER_CONNECTION + gateway.length + id.length;
            }
            ByteBuffer buffer = ByteBuffer.allocate(size).put(VERSION).putInt(viewers.connections().size());
            int i = 0;
            for (ViewerConnection connection : viewers.connections()) {
                putBytes(buffer, ids.get(i++));
                putBytes(buffer, ids.get(i++));
                buffer.putLong(connection.joinedAt().toEpochMilli())
                        .putLong(connection.end().toEpochMilli())
                        .put((byte) (connection.left() ? 1 : 0));
            }
            return buffer.array();
        }

        private static void putBytes(ByteBuffer buffer, byte[] bytes) {
            buffer.putInt(bytes.length).put(bytes);
        }
    }

    private static final class ViewersDeserializer implements Deserializer<JobViewers> {

        @Override
        public @Nullable JobViewers deserialize(String topic, byte @Nullable [] bytes) {
            if (bytes == null) {
                return null;
            }
            if (bytes.length < 1 + Integer.BYTES || bytes[0] != VERSION) {
                throw new SerializationException("Not job viewers of version " + VERSION + " (" + bytes.length + " bytes)");
            }
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
                int count = buffer.getInt();
                if (count < 0 || count > buffer.remaining() / FIXED_PER_CONNECTION) {
                    throw new SerializationException("Job viewers claim " + count + " connections in " + bytes.length + " bytes");
                }
                List<ViewerConnection> connections = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    connections.add(new ViewerConnection(getString(buffer), getString(buffer),
                            Instant.ofEpochMilli(buffer.getLong()), Instant.ofEpochMilli(buffer.getLong()), buffer.get() != 0));
                }
                if (buffer.hasRemaining()) {
                    throw new SerializationException("Job viewers followed by " + buffer.remaining() + " stray bytes");
                }
                return new JobViewers(connections);
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new SerializationException("Truncated job viewers (" + bytes.length + " bytes)", e);
            }
        }

        private static String getString(ByteBuffer buffer) {
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new SerializationException("A string of " + length + " bytes where " + buffer.remaining() + " remain");
            }
            String value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return value;
        }
    }
}
