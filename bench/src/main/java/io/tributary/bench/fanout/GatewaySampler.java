package io.tributary.bench.fanout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.management.OperatingSystemMXBean;
import io.tributary.bench.metrics.PrometheusText;

/**
 * Looks at the gateway's {@code /actuator/prometheus} once a second during a run, on a thread of its
 * own, together with the bench JVM's CPU time: whether the gateway or the bench itself runs out of CPU
 * is what tells a gateway's limit from the bench's.
 */
final class GatewaySampler implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final HttpRequest scrape;
    private final OperatingSystemMXBean bench =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread sampler = new Thread(runnable, "bench-gateway-sampler");
        sampler.setDaemon(true);
        return sampler;
    });
    private final List<GatewaySample> samples = new ArrayList<>();

    GatewaySampler(String gatewayUrl) {
        this.scrape = HttpRequest.newBuilder(URI.create(gatewayUrl + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
    }

    void start() {
        thread.scheduleAtFixedRate(this::sampleOnce, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sampleOnce() {
        GatewaySample sample;
        try {
            HttpResponse<String> answer = http.send(scrape, HttpResponse.BodyHandlers.ofString());
            long at = System.nanoTime();
            sample = answer.statusCode() == 200
                    ? GatewaySample.of(at, PrometheusText.parse(answer.body()), benchCpuSeconds())
                    : GatewaySample.unanswered(at, benchCpuSeconds());
        } catch (IOException e) {
            sample = GatewaySample.unanswered(System.nanoTime(), benchCpuSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (samples) {
            samples.add(sample);
        }
    }

    private double benchCpuSeconds() {
        return bench.getProcessCpuTime() / 1e9;
    }

    /** Stops sampling; returns every sample, oldest first. */
    List<GatewaySample> stop() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
