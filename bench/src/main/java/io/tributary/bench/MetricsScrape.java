package io.tributary.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads one figure from a service's Prometheus endpoint ({@code /actuator/prometheus}), so that a workload
 * can say what a service did during its run (e.g. how many catch-up reads a storm caused).
 */
public final class MetricsScrape {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * The sum of every series of the metric (all its label sets), or NaN when the service does not
     * expose it or cannot be asked.
     *
     * @param serviceUrl e.g. {@code http://localhost:8080}
     * @param name the Prometheus name, e.g. {@code tributary_gateway_catch_up_reads_total}
     */
    public double value(String serviceUrl, String name) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
                .timeout(REQUEST_TIMEOUT).GET().build();
        String text;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            text = response.body();
        } catch (IOException e) {
            return Double.NaN;
        }
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }
}
