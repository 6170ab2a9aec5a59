package io.tributary.bench.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The series of a Prometheus text exposition ({@code /actuator/prometheus}), as far as the bench reads
 * them: {@code name{label="value",...} number} lines; comments and anything else are skipped. An empty
 * text (a service that could not be asked) has no series, and every figure of it is NaN.
 */
public final class PrometheusText {

    public static final PrometheusText EMPTY = new PrometheusText(List.of());

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();

    /** One series and its value. */
    public record Series(String name, Map<String, String> labels, double value) {

        /** The value of one label, or empty when the series has no such label. */
        public String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private final List<Series> series;

    private PrometheusText(List<Series> series) {
        this.series = series;
    }

    /** Reads {@code <serviceUrl>/actuator/prometheus} (open without a token), waiting for the answer. */
    public static PrometheusText read(String serviceUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(serviceUrl + "/actuator/prometheus answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Parses the text exposition format. */
    public static PrometheusText parse(String text) {
        List<Series> parsed = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Series one = line(line);
            if (one != null) {
                parsed.add(one);
            }
        }
        return new PrometheusText(parsed);
    }

    private static @Nullable Series line(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int valueStart;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int close = labels(line, brace + 1, labels);
            if (close < 0) {
                return null;
            }
            valueStart = close + 1;
        } else {
            name = line.substring(0, space);
            valueStart = space;
        }
        String[] rest = line.substring(valueStart).strip().split(" ");
        try {
            return new Series(name, labels, Double.parseDouble(rest[0]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads {@code key="value",...} up to the closing brace; returns its index, or -1. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                return -1;
            }
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            while (j < line.length() && line.charAt(j) != '"') {
                if (line.charAt(j) == '\\' && j + 1 < line.length()) {
                    j++;
                }
                value.append(line.charAt(j++));
            }
            labels.put(line.substring(i, equals).strip(), value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i < line.length() ? i : -1;
    }

    /** Every series of a metric name (a histogram's buckets are {@code <name>_bucket}). */
    public List<Series> series(String name) {
        return series.stream().filter(one -> one.name().equals(name)).toList();
    }

    /** The sum of every series of the name whose labels pass, or NaN when there is none. */
    public double sum(String name, Predicate<Series> filter) {
        double sum = 0;
        boolean found = false;
        for (Series one : series) {
            if (one.name().equals(name) && filter.test(one) && !Double.isNaN(one.value())) {
                sum += one.value();
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    /** The sum over every series of the metric, or NaN when it has none. */
    public double sum(String name) {
        return sum(name, any -> true);
    }

    /** The largest value of the name's series, or NaN when there is none. */
    public double max(String name) {
        return max(name, "");
    }

    /**
     * The largest value among the name's series one of whose label values contains {@code labelPart}
     * (e.g. a client id's {@code StreamThread}), or NaN when there is none.
     */
    public double max(String name, String labelPart) {
        double max = Double.NaN;
        for (Series one : series) {
            if (one.name().equals(name) && !Double.isNaN(one.value())
                    && (labelPart.isEmpty() || one.labels().values().stream().anyMatch(value -> value.contains(labelPart)))) {
                max = Double.isNaN(max) ? one.value() : Math.max(max, one.value());
            }
        }
        return max;
    }

    /** The distinct values of a label over the series whose name starts with {@code prefix}. */
    public List<String> labelValues(String prefix, String label) {
        return series.stream()
                .filter(one -> one.name().startsWith(prefix) && one.labels().containsKey(label))
                .map(one -> one.label(label))
                .distinct()
                .sorted()
                .toList();
    }
}
