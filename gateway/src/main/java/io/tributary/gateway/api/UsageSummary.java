package io.tributary.gateway.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.tributary.schema.UsageWindow;
import io.tributary.schema.usage.LatencyHistogram;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer of {@code /api/usage}: the window records asked for, added up per window start and model
 * (over partitions, and over users when everyone's usage is asked for), then over everything as
 * {@code totals}. Figures carry the OpenTelemetry GenAI names where one fits ({@code gen_ai.usage.*},
 * {@code gen_ai.client.operation.duration} and {@code .time_to_first_chunk} in seconds, as p50, p95 and
 * p99 of the merged histograms); the rest are {@code tributary.usage.*}.
 */
final class UsageSummary {

    private final JsonNodeFactory nodes;

    UsageSummary(JsonNodeFactory nodes) {
        this.nodes = nodes;
    }

    ObjectNode of(UsageQuery query, Collection<UsageWindow> records) {
        Map<String, Sum> rows = new TreeMap<>();
        Sum totals = new Sum();
        for (UsageWindow record : records) {
            if (!query.includes(record)) {
                continue;
            }
            rows.computeIfAbsent(record.getStart() + "\u0000" + record.getModel(), key -> new Sum()).add(record);
            totals.add(record);
        }
        ObjectNode answer = nodes.objectNode();
        answer.put("window", query.kind().name().toLowerCase(Locale.ROOT));
        answer.put("from", query.from().toString());
        answer.put("to", query.to().toString());
        answer.put("user", query.user() == null ? UsageQuery.EVERYONE : query.user());
        if (query.model() == null) {
            answer.putNull("model");
        } else {
            answer.put("model", query.model());
        }
        ArrayNode windows = answer.putArray("windows");
        rows.values().forEach(row -> windows.add(row.json(true)));
        answer.set("totals", totals.json(false));
        return answer;
    }

    /** The figures of one row (or of all rows), added up record by record. */
    private final class Sum {

        private @Nullable UsageWindow first;
        private boolean closed = true;
        private long completed;
        private long failed;
        private long aborted;
        private long withUsage;
        private long input;
        private long output;
        private long reasoning;
        private long cached;
        private double cost;
        private long deltas;
        private long bytes;
        private final LatencyHistogram firstChunk = new LatencyHistogram();
        private final LatencyHistogram duration = new LatencyHistogram();

        void add(UsageWindow record) {
            if (first == null) {
                first = record;
            }
            closed &= record.getClosed();
            completed += record.getCompletedJobs();
            failed += record.getFailedJobs();
            aborted += record.getAbortedJobs();
            withUsage += record.getJobsWithUsage();
            input += record.getInputTokens();
            output += record.getOutputTokens();
            reasoning += record.getReasoningTokens();
            cached += record.getCachedTokens();
            cost += record.getCost();
            deltas += record.getDeltas();
            bytes += record.getBytes();
            firstChunk.merge(record.getFirstChunkMillis());
            duration.merge(record.getDurationMillis());
        }

        ObjectNode json(boolean asWindow) {
            ObjectNode row = nodes.objectNode();
            UsageWindow window = first;
            if (asWindow && window != null) {
                row.put("start", window.getStart().toString());
                row.put("end", window.getEnd().toString());
                row.put("gen_ai.request.model", window.getModel().toString());
                row.put("closed", closed);
            }
            ObjectNode jobs = row.putObject("jobs");
            jobs.put("completed", completed);
            jobs.put("failed", failed);
            jobs.put("aborted", aborted);
            jobs.put("with_usage", withUsage);
            row.put("gen_ai.usage.input_tokens", input);
            row.put("gen_ai.usage.output_tokens", output);
            row.put("gen_ai.usage.reasoning.output_tokens", reasoning);
            row.put("gen_ai.usage.cache_read.input_tokens", cached);
            row.put("tributary.usage.cost", cost);
            row.put("tributary.usage.deltas", deltas);
            row.put("tributary.usage.bytes", bytes);
            row.set("gen_ai.client.operation.time_to_first_chunk", seconds(firstChunk));
            row.set("gen_ai.client.operation.duration", seconds(duration));
            return row;
        }

        private ObjectNode seconds(LatencyHistogram histogram) {
            ObjectNode node = nodes.objectNode();
            node.put("count", histogram.count());
            for (int percentile : new int[] {50, 95, 99}) {
                node.put("p" + percentile, histogram.percentile(percentile) / 1000.0);
            }
            return node;
        }
    }
}
