package io.tributary.bench.throughput;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.tributary.bench.metrics.PrometheusText;
import io.tributary.bench.stack.BenchStack;
import org.jspecify.annotations.Nullable;

/**
 * Scrapes the three services' {@code /actuator/prometheus} (open without a token) into a
 * {@link PipelineScrape}. A service that does not answer in time gives an empty scrape rather than
 * stopping the run: its figures are NaN for that moment.
 */
final class PipelineMetrics {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final String ingestUrl;
    private final @Nullable String processorUrl;
    private final String gatewayUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();

    PipelineMetrics(BenchStack stack) {
        this.ingestUrl = stack.ingestUrl();
        this.processorUrl = stack.processorUrl();
        this.gatewayUrl = stack.gatewayUrl();
    }

    /** Asks the three services at once, so that the figures are of about the same moment. */
    PipelineScrape scrape() throws InterruptedException {
        long at = System.nanoTime();
        CompletableFuture<PrometheusText> ingest = text(ingestUrl);
        CompletableFuture<PrometheusText> processor = processorUrl == null
                ? CompletableFuture.completedFuture(PrometheusText.EMPTY) : text(processorUrl);
        CompletableFuture<PrometheusText> gateway = text(gatewayUrl);
        return PipelineScrape.of(at, answer(ingest), answer(processor), answer(gateway));
    }

    private CompletableFuture<PrometheusText> text(String serviceUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() == 200
                        ? PrometheusText.parse(response.body()) : PrometheusText.EMPTY);
    }

    private static PrometheusText answer(CompletableFuture<PrometheusText> text) throws InterruptedException {
        try {
            return text.get();
        } catch (ExecutionException e) {
            return PrometheusText.EMPTY;
        }
    }
}
