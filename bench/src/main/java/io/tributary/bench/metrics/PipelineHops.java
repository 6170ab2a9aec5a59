package io.tributary.bench.metrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tributary.bench.stack.BenchStack;

/**
 * The services' per-hop timers, read together, in the order a delta passes them: upstream bytes →
 * acknowledged on {@code jobs.deltas} (ingest), record → live tail (gateway), gateway → viewer's
 * response (gateway); beside them record → fold (processor), which no viewer waits for. Two readings
 * give each hop's share of a round's latency.
 */
public final class PipelineHops {

    private final Map<String, HopHistogram> byHop;

    private PipelineHops(Map<String, HopHistogram> byHop) {
        this.byHop = byHop;
    }

    /** Reads every hop's timer now; a service whose URL the stack does not know is left out. */
    public static PipelineHops read(BenchStack stack) throws IOException, InterruptedException {
        Map<String, HopHistogram> hops = new LinkedHashMap<>();
        PrometheusText ingest = PrometheusText.read(stack.ingestUrl());
        hops.put("ingest: upstream → acked on log", HopHistogram.of(ingest, "tributary_ingest_produce_latency_seconds"));
        PrometheusText gateway = PrometheusText.read(stack.gatewayUrl());
        hops.put("gateway: record → live tail", HopHistogram.of(gateway, "tributary_gateway_tail_receipt_seconds"));
        hops.put("gateway: tail → viewer's response", HopHistogram.of(gateway, "tributary_gateway_delivery_seconds"));
        String processorUrl = stack.processorUrl();
        if (processorUrl != null) {
            hops.put("processor: record → fold", HopHistogram.of(PrometheusText.read(processorUrl),
                    "tributary_processor_fold_lag_seconds"));
        }
        return new PipelineHops(hops);
    }

    /** Each hop's figures for what was recorded after {@code earlier}. */
    public List<HopHistogram.HopFigures> since(PipelineHops earlier) {
        List<HopHistogram.HopFigures> figures = new ArrayList<>();
        byHop.forEach((hop, histogram) -> {
            HopHistogram before = earlier.byHop.get(hop);
            figures.add((before == null ? histogram : histogram.since(before)).figures(hop));
        });
        return figures;
    }
}
