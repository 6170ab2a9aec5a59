package io.tributary.bench.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's per-hop timer (service-support {@code HopTimers}: a percentile histogram in seconds) as
 * cumulative bucket counts, so that two readings give the hop's distribution between them: the
 * figures of one measured round, without its warm-up or what ran before.
 */
public final class HopHistogram {

    private final TreeMap<Double, Double> cumulativeByUpperBound;

    private HopHistogram(TreeMap<Double, Double> cumulativeByUpperBound) {
        this.cumulativeByUpperBound = cumulativeByUpperBound;
    }

    /** The buckets of timer {@code metric} (Prometheus name, e.g. {@code tributary_gateway_delivery_seconds}). */
    public static HopHistogram of(PrometheusText scrape, String metric) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (PrometheusText.Series bucket : scrape.series(metric + "_bucket")) {
            String le = bucket.label("le");
            if (!le.isEmpty()) {
                buckets.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), bucket.value(),
                        Double::sum);
            }
        }
        return new HopHistogram(buckets);
    }

    /** What was recorded after {@code earlier} was read. */
    public HopHistogram since(HopHistogram earlier) {
        TreeMap<Double, Double> difference = new TreeMap<>();
        cumulativeByUpperBound.forEach((bound, count) ->
                difference.put(bound, count - earlier.cumulativeByUpperBound.getOrDefault(bound, 0.0)));
        return new HopHistogram(difference);
    }

    public long count() {
        return cumulativeByUpperBound.isEmpty() ? 0 : Math.round(cumulativeByUpperBound.lastEntry().getValue());
    }

    /**
     * The upper bound, in milliseconds, of the bucket holding the given quantile (a histogram knows no
     * more than its buckets: "p99 ≤ this"); NaN when nothing was recorded.
     */
    public double quantileMillis(double quantile) {
        long count = count();
        if (count == 0) {
            return Double.NaN;
        }
        double wanted = quantile * count;
        for (Map.Entry<Double, Double> bucket : cumulativeByUpperBound.entrySet()) {
            if (bucket.getValue() >= wanted) {
                return bucket.getKey() * 1_000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The figures of one hop. */
    public HopFigures figures(String hop) {
        return new HopFigures(hop, count(), quantileMillis(0.5), quantileMillis(0.9), quantileMillis(0.99));
    }

    /**
     * One hop's figures, each the upper bound of its bucket in milliseconds.
     *
     * @param hop what the timer measures
     * @param count values recorded in the round
     */
    public record HopFigures(String hop, long count, double p50, double p90, double p99) {

        public String line() {
            return String.format(Locale.ROOT, "%-34s p50 ≤ %.1f  p90 ≤ %.1f  p99 ≤ %.1f ms  (n=%d)", hop, p50, p90, p99,
                    count);
        }
    }
}
