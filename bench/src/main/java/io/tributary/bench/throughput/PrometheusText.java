package io.tributary.bench.throughput;

import java.util.ArrayList;
import java.util.List;

/**
 * One scrape of a service's {@code /actuator/prometheus}: every series' value, read once so that a sample
 * can take several figures from it. An empty scrape (the service could not be asked) has no series, and
 * every figure of it is NaN.
 */
final class PrometheusText {

    static final PrometheusText EMPTY = new PrometheusText(List.of());

    private final List<Series> series;

    private PrometheusText(List<Series> series) {
        this.series = series;
    }

    /** Parses the text exposition format: {@code name{labels} value}, comments skipped. */
    static PrometheusText parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String key = line.substring(0, space).strip();
            int brace = key.indexOf('{');
            String name = brace < 0 ? key : key.substring(0, brace);
            String labels = brace < 0 ? "" : key.substring(brace);
            try {
                series.add(new Series(name, labels, Double.parseDouble(line.substring(space + 1).strip())));
            } catch (NumberFormatException e) {
                // A value this reader does not know (the format allows +Inf, NaN; Java parses those): skipped.
            }
        }
        return new PrometheusText(series);
    }

    /** The sum over every series of the metric, or NaN when it has none. */
    double sum(String name) {
        double sum = 0;
        boolean found = false;
        for (Series one : series) {
            if (one.name().equals(name) && !Double.isNaN(one.value())) {
                sum += one.value();
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    /** The largest value among the series of the metric whose labels contain {@code labelPart}, or NaN. */
    double max(String name, String labelPart) {
        double max = Double.NaN;
        for (Series one : series) {
            if (one.name().equals(name) && one.labels().contains(labelPart) && !Double.isNaN(one.value())) {
                max = Double.isNaN(max) ? one.value() : Math.max(max, one.value());
            }
        }
        return max;
    }

    private record Series(String name, String labels, double value) {
    }
}
