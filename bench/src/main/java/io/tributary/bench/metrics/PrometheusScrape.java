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
 * One reading of a service's {@code /actuator/prometheus}: every sample line of the text format
 * ({@code name{label="value",...} number}), comments skipped.
 */
public final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** One sample: a metric name, its labels as written ({@code k="v",...}), and its value. */
    public record Sample(String name, String labels, double value) {

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

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    /** Reads {@code <serviceUrl>/actuator/prometheus}. */
    public static PrometheusScrape of(String serviceUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(serviceUrl + "/actuator/prometheus answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (sample.find()) {
                String labels = sample.group(3) == null ? "" : sample.group(3);
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
            }
        }
        return new PrometheusScrape(samples);
    }

    /** Every sample of a metric name (a histogram's buckets are {@code <name>_bucket}). */
    public List<Sample> samples(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }
}
