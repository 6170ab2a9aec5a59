package io.tributary.bench.throughput;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Each hop of the pipeline over a whole step, from the services' own metrics: events carried, mean time,
 * the worst one-second mean, and the most the two consumers were behind at any sample. Times in ms; NaN
 * where a service gave nothing.
 *
 * @param produced ingest: events acknowledged by {@code jobs.deltas} (deltas plus each job's start and end)
 * @param folded processor: records folded
 * @param tailReceived gateway: records its live tail received
 * @param delivered gateway: messages handed to viewers
 * @param produceMs ingest: mean upstream chunk → acknowledged
 * @param foldLagMs processor: mean record timestamp → folded
 * @param tailReceiptMs gateway: mean record timestamp → live tail
 * @param deliveryMs gateway: mean received → handed to the viewer's socket
 * @param worstProduceMs the highest one-second mean of {@code produceMs}
 * @param worstFoldLagMs the highest one-second mean of {@code foldLagMs}
 * @param worstTailReceiptMs the highest one-second mean of {@code tailReceiptMs}
 * @param worstDeliveryMs the highest one-second mean of {@code deliveryMs}
 * @param maxGatewayTailLag the most records the gateway's live tail had yet to read, at any sample
 * @param maxProcessorRecordsLag the processor's highest {@code records-lag-max} at any sample
 */
public record StepHops(double produced, double folded, double tailReceived, double delivered, double produceMs,
        double foldLagMs, double tailReceiptMs, double deliveryMs, double worstProduceMs, double worstFoldLagMs,
        double worstTailReceiptMs, double worstDeliveryMs, double maxGatewayTailLag, double maxProcessorRecordsLag) {

    static StepHops of(PipelineScrape before, PipelineScrape after, List<LagSample> samples) {
        return new StepHops(
                after.produce().eventsSince(before.produce()),
                after.fold().eventsSince(before.fold()),
                after.tailReceipt().eventsSince(before.tailReceipt()),
                after.delivery().eventsSince(before.delivery()),
                after.produce().meanMillis(before.produce()),
                after.fold().meanMillis(before.fold()),
                after.tailReceipt().meanMillis(before.tailReceipt()),
                after.delivery().meanMillis(before.delivery()),
                max(samples, LagSample::produceMs),
                max(samples, LagSample::foldLagMs),
                max(samples, LagSample::tailReceiptMs),
                max(samples, LagSample::deliveryMs),
                Math.max(max(samples, LagSample::gatewayTailLag), after.gatewayTailLag()),
                Math.max(max(samples, LagSample::processorRecordsLag), after.processorRecordsLag()));
    }

    /** The largest value that is a number, or NaN when none is. */
    private static double max(List<LagSample> samples, ToDoubleFunction<LagSample> figure) {
        return samples.stream().mapToDouble(figure).filter(value -> !Double.isNaN(value)).max().orElse(Double.NaN);
    }
}
