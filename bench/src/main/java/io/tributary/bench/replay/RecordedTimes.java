package io.tributary.bench.replay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * When each event of a job was recorded, as the gateway's events endpoint gives it
 * ({@code GET /api/jobs/{id}/events}): the reference a replay's pace is measured against.
 */
final class RecordedTimes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String gatewayUrl;

    RecordedTimes(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    /** Each event's recorded time, by seq. */
    Map<Long, Instant> of(String jobId, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/jobs/" + jobId + "/events?limit=10000"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The events of " + jobId + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        Map<Long, Instant> times = new HashMap<>();
        for (JsonNode event : JSON.readTree(response.body()).path("events")) {
            times.put(event.path("seq").asLong(), Instant.parse(event.path("timestamp").asString()));
        }
        return times;
    }
}
