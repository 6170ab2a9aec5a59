package io.tributary.bench.throughput;

import io.tributary.bench.metrics.PrometheusText;

/**
 * The pipeline's own figures at one moment, from the three services' Prometheus endpoints: each hop's
 * timer (README, "Per-hop metrics") and the two consumer lags. A figure a service did not give is NaN.
 *
 * @param atNanos {@link System#nanoTime()} of the scrape
 * @param produce ingest: upstream chunk arrived → its event acknowledged by {@code jobs.deltas}
 * @param fold processor: record timestamp → the fold takes it (one per record folded)
 * @param tailReceipt gateway: record timestamp → the live tail receives it
 * @param delivery gateway: event received → its message leaves a viewer's buffer
 * @param gatewayTailLag records of {@code jobs.deltas} the gateway's live tail has yet to read
 * @param processorRecordsLag the processor's stream threads' {@code records-lag-max} (the most records any
 *     of its partitions was behind, over the consumer's metric window)
 */
record PipelineScrape(long atNanos, HopTimer produce, HopTimer fold, HopTimer tailReceipt, HopTimer delivery,
        double gatewayTailLag, double processorRecordsLag) {

    static PipelineScrape of(long atNanos, PrometheusText ingest, PrometheusText processor, PrometheusText gateway) {
        return new PipelineScrape(atNanos,
                HopTimer.of(ingest, "tributary_ingest_produce_latency_seconds", atNanos),
                HopTimer.of(processor, "tributary_processor_fold_lag_seconds", atNanos),
                HopTimer.of(gateway, "tributary_gateway_tail_receipt_seconds", atNanos),
                HopTimer.of(gateway, "tributary_gateway_delivery_seconds", atNanos),
                gateway.sum("tributary_gateway_tail_lag"),
                processor.max("kafka_consumer_fetch_manager_records_lag_max", "StreamThread"));
    }

    /**
     * This scrape, with each timer a service did not answer taken from {@code earlier}: what the next
     * interval is measured from. Lags are of the moment and are not carried.
     */
    PipelineScrape orTimersOf(PipelineScrape earlier) {
        return new PipelineScrape(atNanos, produce.known() ? produce : earlier.produce,
                fold.known() ? fold : earlier.fold, tailReceipt.known() ? tailReceipt : earlier.tailReceipt,
                delivery.known() ? delivery : earlier.delivery, gatewayTailLag, processorRecordsLag);
    }
}
