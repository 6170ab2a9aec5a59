package io.tributary.processor.function;

import io.tributary.schema.JobEvent;
import io.tributary.schema.LogPosition;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;

/**
 * Pairs each event with the partition and offset of the record that carried it. It must run directly
 * behind the source: only there does the record metadata name the event's own place on
 * {@code jobs.deltas}. For the same reason it times how far behind the log the fold runs ({@link FoldMetrics}).
 */
public final class LogPositionStamper implements FixedKeyProcessor<String, @Nullable JobEvent, PositionedEvent> {

    private final FoldMetrics metrics;
    private @Nullable FixedKeyProcessorContext<String, PositionedEvent> context;

    public LogPositionStamper(FoldMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, PositionedEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, @Nullable JobEvent> record) {
        FixedKeyProcessorContext<String, PositionedEvent> ctx = context();
        JobEvent event = record.value();
        if (event == null) {
            // A tombstone carries no event; the ingest never writes one, and there is nothing to fold.
            return;
        }
        RecordMetadata metadata = ctx.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("No source record behind job event " + event.getJobId()));
        LogPosition position = LogPosition.newBuilder()
                .setPartition(metadata.partition())
                .setOffset(metadata.offset())
                .build();
        metrics.folding(record.timestamp(), ctx.currentSystemTimeMs());
        ctx.forward(record.withValue(new PositionedEvent(event, position)));
    }

    private FixedKeyProcessorContext<String, PositionedEvent> context() {
        if (context == null) {
            throw new IllegalStateException("Processor used before init");
        }
        return context;
    }
}
