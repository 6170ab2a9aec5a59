package io.tributary.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.tributary.gateway.support.GatewayWithJobLog;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.TopicContents;
import io.tributary.schema.topic.Topics;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job read as a Durable Stream over a real broker: its events as JSON messages with offsets from their
 * seqs, followed live over SSE until the terminal event closes the stream, under the job API's tenancy.
 */
class JobStreamsIT extends GatewayWithJobLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final String alice = Tokens.forUser("alice");

    @Test
    void shouldServeAnEndedJobAsAClosedJsonStreamToItsOwnerOnly() {
        TestEvents job = new TestEvents(UUID.randomUUID().toString());
        log.append(job.started("alice"), job.text(1, "Hel"), job.text(2, "lo"), job.completed(3));
        StreamCalls calls = new StreamCalls(gateway.port(), alice);
        String path = "jobs/" + job.jobId();

        Awaitility.await().atMost(WAIT).until(() -> "true".equals(calls.get(path).header("Stream-Closed")));
        StreamCalls.Answer all = calls.get(path);
        JsonNode events = JSON.readTree(all.body());
        assertThat(all.header("Content-Type")).isEqualTo("application/json");
        assertThat(all.header("Stream-Next-Offset")).isEqualTo("0000000000000000_0000000000000004");
        assertThat(events).extracting(event -> event.path("type").asString())
                .containsExactly("started", "text_delta", "text_delta", "completed");
        assertThat(events.get(1).path("payload").path("text").asString()).isEqualTo("Hel");
        JsonNode later = JSON.readTree(calls.get(path + "?offset=0000000000000000_0000000000000002").body());
        assertThat(later).extracting(event -> event.path("seq").asLong()).containsExactly(2L, 3L);
        StreamCalls.Answer head = calls.send("HEAD", path, Map.of(), null);
        assertThat(head.header("Stream-Closed")).isEqualTo("true");

        assertThat(new StreamCalls(gateway.port(), Tokens.forUser("bob")).get(path).status()).isEqualTo(404);
        assertThat(new StreamCalls(gateway.port(), null).get(path).status()).isEqualTo(401);
        assertThat(calls.post(path, "application/json", "[1]", Map.of()).status()).isEqualTo(405);
        assertThat(calls.put(path, "application/json", null).status()).isEqualTo(405);
    }

    @Test
    void shouldFollowARunningJobOverSseUntilItsEndClosesTheStream() {
        TestEvents job = new TestEvents(UUID.randomUUID().toString());
        log.append(job.started("alice"));
        StreamCalls calls = new StreamCalls(gateway.port(), alice);
        Awaitility.await().atMost(WAIT).until(() -> calls.get("jobs/" + job.jobId()).status() == 200);

        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> sseLines(job.jobId()));
        log.append(job.text(1, "one "));
        log.append(job.text(2, "two"));
        log.append(job.completed(3));

        List<String> received = lines.join();
        String texts = received.stream().filter(line -> line.startsWith("data:["))
                .flatMap(line -> Stream.of(JSON.readTree(line.substring("data:".length()))).flatMap(array -> {
                    List<JsonNode> each = new ArrayList<>();
                    array.forEach(each::add);
                    return each.stream();
                }))
                .map(event -> event.path("payload").path("text").asString(""))
                .reduce("", String::concat);
        assertThat(texts).isEqualTo("one two");
        assertThat(received.get(received.size() - 1))
                .isEqualTo("data:{\"streamNextOffset\":\"0000000000000000_0000000000000004\",\"streamClosed\":true}");
    }

    @Test
    void shouldRecordAnAuditorFollowingAJobOnceForTheWholeRequest() {
        TestEvents job = new TestEvents(UUID.randomUUID().toString());
        log.append(job.started("alice"));
        String auditor = "auditor-" + UUID.randomUUID();
        String token = Tokens.withScope(auditor, "openid tributary:audit");
        Awaitility.await().atMost(WAIT).until(() -> new StreamCalls(gateway.port(), alice)
                .get("jobs/" + job.jobId()).status() == 200);

        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> sseLines(job.jobId(), token));
        for (int seq = 1; seq <= 5; seq++) {
            log.append(job.text(seq, "chunk " + seq + " "));
        }
        log.append(job.completed(6));

        assertThat(lines.join()).filteredOn(line -> line.startsWith("data:[")).isNotEmpty();
        assertThat(TopicContents.withKey(SharedBroker.bootstrapServers(), Topics.AUDIT_ACCESS, auditor)).hasSize(1);
    }

    private List<String> sseLines(String jobId) {
        return sseLines(jobId, alice);
    }

    private List<String> sseLines(String jobId, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                        + "/v1/stream/jobs/" + jobId + "?offset=-1&live=sse"))
                .header("Authorization", "Bearer " + token).timeout(WAIT).build();
        try (Stream<String> lines = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
            return lines.filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
