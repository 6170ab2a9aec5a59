package io.tributary.bench.throughput;

import java.util.Map;

/**
 * The pipeline over one sampling interval (about a second): how many events each hop carried per second,
 * its mean time, the two consumer lags at the end of the interval, and the cores each process used.
 *
 * @param atSeconds the end of the interval, seconds since the step began
 * @param producedPerSecond ingest: events acknowledged by {@code jobs.deltas}
 * @param foldedPerSecond processor: records folded into {@code jobs.state}
 * @param tailReceivedPerSecond gateway: records its live tail received
 * @param deliveredPerSecond gateway: messages handed to viewers' sockets (one per viewer per event)
 * @param produceMs ingest: mean upstream chunk → acknowledged
 * @param foldLagMs processor: mean record timestamp → folded
 * @param tailReceiptMs gateway: mean record timestamp → received by the live tail
 * @param deliveryMs gateway: mean received → handed to the viewer's socket
 * @param gatewayTailLag records the gateway's live tail had yet to read
 * @param processorRecordsLag the processor's {@code records-lag-max} (a windowed maximum)
 * @param cores cores each process used
 * @param machineBusyCores cores the whole machine used, ours and other work's
 */
public record LagSample(double atSeconds, double producedPerSecond, double foldedPerSecond, double tailReceivedPerSecond,
        double deliveredPerSecond, double produceMs, double foldLagMs, double tailReceiptMs, double deliveryMs,
        double gatewayTailLag, double processorRecordsLag, Map<String, Double> cores, double machineBusyCores) {

    static LagSample between(PipelineScrape before, PipelineScrape after, CpuSnapshot cpuBefore, CpuSnapshot cpuAfter,
            long stepStartNanos, int machineCores) {
        return new LagSample((after.atNanos() - stepStartNanos) / 1e9,
                after.produce().ratePerSecond(before.produce()),
                after.fold().ratePerSecond(before.fold()),
                after.tailReceipt().ratePerSecond(before.tailReceipt()),
                after.delivery().ratePerSecond(before.delivery()),
                after.produce().meanMillis(before.produce()),
                after.fold().meanMillis(before.fold()),
                after.tailReceipt().meanMillis(before.tailReceipt()),
                after.delivery().meanMillis(before.delivery()),
                after.gatewayTailLag(), after.processorRecordsLag(),
                cpuAfter.coresSince(cpuBefore), cpuAfter.machineBusyCoresSince(cpuBefore, machineCores));
    }
}
