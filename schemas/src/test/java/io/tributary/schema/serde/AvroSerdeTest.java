package io.tributary.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.ToolCallDelta;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final AvroSerde<JobEvent> serde = AvroSerdes.jobEvent();

    @Test
    void shouldRoundTripAnEventWithEveryCharacterIntact() {
        JobEvent event = JobEvent.newBuilder()
                .setJobId("job-1")
                .setSeq(7)
                .setType(JobEventType.TOOL_CALL_DELTA)
                .setTimestamp(Instant.ofEpochMilli(1_732_440_000_123L))
                .setText("line\r\nbreak \u2028 emoji \uD83D\uDC4B nul \0")
                .setToolCall(ToolCallDelta.newBuilder().setIndex(1).setArguments("{\"a\":").build())
                .build();

        JobEvent read = serde.deserializer().deserialize("jobs.deltas", serde.serializer().serialize("jobs.deltas", event));

        assertThat(read).isEqualTo(event);
    }

    @Test
    void shouldKeepTombstonesNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldRejectBytesThatAreNotASingleObjectMessageWithASerializationException() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 2, 3, 4}))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldReadDataWrittenWithAnOlderSchemaKnownToTheStore() throws IOException {
        Schema older = SchemaBuilder.record("JobEvent").namespace("io.tributary.schema").fields()
                .requiredString("jobId")
                .requiredLong("seq")
                .name("timestamp").type(timestampMillis()).noDefault()
                .endRecord();
        GenericRecord old = new GenericData.Record(older);
        old.put("jobId", "job-old");
        old.put("seq", 3L);
        old.put("timestamp", 1_000L);
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old);
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(older);
        AvroSerde<JobEvent> reader = new AvroSerde<>(JobEvent.getClassSchema(), store);

        JobEvent read = reader.fromBytes(toArray(bytes));

        assertThat(read.getJobId()).isEqualTo("job-old");
        assertThat(read.getSeq()).isEqualTo(3L);
        assertThat(read.getType()).as("a field the old writer lacked takes its default").isEqualTo(JobEventType.UNKNOWN);
        assertThat(read.getText()).isNull();
    }

    @Test
    void shouldRefuseDataWrittenWithASchemaItDoesNotKnow() throws IOException {
        Schema unknown = SchemaBuilder.record("Other").fields().requiredString("x").endRecord();
        GenericRecord record = new GenericData.Record(unknown);
        record.put("x", "y");
        byte[] bytes = toArray(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), unknown).encode(record));

        assertThatThrownBy(() -> serde.fromBytes(bytes)).isInstanceOf(SerializationException.class);
    }

    private static Schema timestampMillis() {
        Schema schema = Schema.create(Schema.Type.LONG);
        org.apache.avro.LogicalTypes.timestampMillis().addToSchema(schema);
        return schema;
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
