package io.tributary.bench.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One scrape of a service's {@code /actuator/prometheus}: every series' value, read once so that a sample
 * can take several figures from it. An empty scrape (the service could not be asked) has no series, and
 * every figure of it is NaN.
 */
public final class PrometheusText {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();

    public static final PrometheusText EMPTY = new PrometheusText(List.of());

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

    /** Parses the text exposition format: {@code name{labels} value}, comments skipped. */
    public static PrometheusText parse(String text) {
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

    /** Every series of a metric name (a histogram's buckets are {@code <name>_bucket}). */
    public List<Series> series(String name) {
        return series.stream().filter(one -> one.name().equals(name)).toList();
    }

    /** The sum over every series of the metric, or NaN when it has none. */
    public double sum(String name) {
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
    public double max(String name, String labelPart) {
        double max = Double.NaN;
        for (Series one : series) {
            if (one.name().equals(name) && one.labels().contains(labelPart) && !Double.isNaN(one.value())) {
                max = Double.isNaN(max) ? one.value() : Math.max(max, one.value());
            }
        }
        return max;
    }

    /** One series: a metric name, its labels as written ({@code {k="v",...}}), and its value. */
    public record Series(String name, String labels, double value) {

        /** The value of one label, or null. */
        public @Nullable String label(String key) {
            Matcher label = LABEL.matcher(labels);
            while (label.find()) {
                if (label.group(1).equals(key)) {
                    return label.group(2);
                }
            }
            return null;
        }
    }
}
