package io.tributary.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.TopicContents;
import io.tributary.schema.StreamOperation;
import io.tributary.schema.StreamOperationKind;
import io.tributary.schema.topic.Topics;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Durable Streams against a real broker: every stream comes back whole from {@code streams.log} after
 * the gateway restarts (bytes, offsets, closure, deletions and producer state), two gateways writing
 * one stream at once are ordered by the log as one would be, and a user's streams are theirs alone.
 */
class DurableStreamsIT {

    private static final Map<String, String> SETTINGS = Map.of(
            "tributary.security.anonymous-paths", "/v1/stream/open/**",
            "tributary.streams.long-poll-timeout", "2s");

    private final String alice = Tokens.forUser("alice");

    @Test
    void shouldRebuildEveryStreamFromTheLogAfterARestart() {
        String text = "restart-" + UUID.randomUUID();
        String json = text + "-json";
        String closed = text + "-closed";
        String deleted = text + "-deleted";
        List<String> forks = IntStream.range(0, 12).mapToObj(i -> text + "-fork-" + i).toList();
        Map<String, String> before;
        try (RunningGateway gateway = RunningGateway.start(SharedBroker.bootstrapServers(), SETTINGS)) {
            StreamCalls calls = new StreamCalls(gateway.port(), alice);
            assertThat(calls.put(text, "text/plain", "Hello").status()).isEqualTo(201);
            assertThat(calls.post(text, "text/plain", ", world", producer("p", 0, 0)).status()).isEqualTo(200);
            assertThat(calls.post(text, "text/plain", "!", producer("p", 0, 1)).status()).isEqualTo(200);
            assertThat(calls.put(json, "application/json", "[{\"a\":1}]").status()).isEqualTo(201);
            assertThat(calls.post(json, "application/json", "[{\"b\":2},{\"c\":3}]", Map.of()).status()).isEqualTo(204);
            assertThat(calls.put(closed, "text/plain", "the end").status()).isEqualTo(201);
            assertThat(calls.send("POST", closed, Map.of("Stream-Closed", "true"), null).status()).isEqualTo(204);
            assertThat(calls.put(deleted, "text/plain", "gone").status()).isEqualTo(201);
            assertThat(calls.send("DELETE", deleted, Map.of(), null).status()).isEqualTo(204);
            // Forks on other partitions than their sources' (a dozen, so that some are): a replay must not
            // depend on which partition it reads first.
            for (String fork : forks) {
                assertThat(calls.send("PUT", fork, Map.of("Stream-Forked-From", "/v1/stream/" + text,
                        "Stream-Fork-Offset", "0000000000000000_0000000000000002"), null).status()).isEqualTo(201);
                assertThat(calls.post(fork, "text/plain", " (" + fork + ")", Map.of()).status()).isEqualTo(204);
            }
            before = Map.of(text, calls.get(text).body(), json, calls.get(json).body(),
                    text + "@tail", calls.get(text).header("Stream-Next-Offset"));
        }

        try (RunningGateway restarted = RunningGateway.start(SharedBroker.bootstrapServers(), SETTINGS)) {
            StreamCalls calls = new StreamCalls(restarted.port(), alice);
            StreamCalls.Answer read = calls.get(text);
            assertThat(read.body()).isEqualTo(before.get(text)).isEqualTo("Hello, world!");
            assertThat(read.header("Stream-Next-Offset")).isEqualTo(before.get(text + "@tail"))
                    .isEqualTo("0000000000000000_0000000000000003");
            assertThat(calls.get(json).body()).isEqualTo(before.get(json)).isEqualTo("[{\"a\":1},{\"b\":2},{\"c\":3}]");
            assertThat(calls.get(closed).header("Stream-Closed")).isEqualTo("true");
            assertThat(calls.post(closed, "text/plain", "more", Map.of()).status()).isEqualTo(409);
            assertThat(calls.get(deleted).status()).isEqualTo(404);
            for (String fork : forks) {
                assertThat(calls.get(fork).body()).isEqualTo("Hello, world (" + fork + ")");
            }
            // The producer's state came back with the data: a retry is known, the next one follows.
            StreamCalls.Answer retry = calls.post(text, "text/plain", "!", producer("p", 0, 1));
            assertThat(retry.status()).isEqualTo(204);
            assertThat(retry.header("Producer-Seq")).isEqualTo("1");
            assertThat(calls.post(text, "text/plain", "?", producer("p", 0, 2)).status()).isEqualTo(200);
            assertThat(calls.get(text).body()).isEqualTo("Hello, world!?");
        }
    }

    @Test
    void shouldOrderTwoGatewaysWritingOneStreamAsOneWriter() {
        String path = "race-" + UUID.randomUUID();
        int perGateway = 40;
        try (RunningGateway first = RunningGateway.start(SharedBroker.bootstrapServers(), SETTINGS);
                RunningGateway second = RunningGateway.start(SharedBroker.bootstrapServers(), SETTINGS)) {
            StreamCalls one = new StreamCalls(first.port(), alice);
            StreamCalls two = new StreamCalls(second.port(), alice);
            assertThat(one.put(path, "application/json", null).status()).isEqualTo(201);
            List<CompletableFuture<Integer>> appends = new ArrayList<>();
            for (StreamCalls calls : List.of(one, two)) {
                String name = calls == one ? "one" : "two";
                appends.add(CompletableFuture.supplyAsync(() -> (int) IntStream.range(0, perGateway)
                        .filter(i -> calls.post(path, "application/json", "\"" + name + "-" + i + "\"", Map.of())
                                .status() == 204)
                        .count()));
            }
            // The same Stream-Seq sent to both gateways at once: the log lets exactly one of them through.
            CompletableFuture<Integer> seqOne = CompletableFuture.supplyAsync(
                    () -> one.post(path, "application/json", "\"seq-one\"", Map.of("Stream-Seq", "a")).status());
            CompletableFuture<Integer> seqTwo = CompletableFuture.supplyAsync(
                    () -> two.post(path, "application/json", "\"seq-two\"", Map.of("Stream-Seq", "a")).status());

            assertThat(appends.stream().mapToInt(CompletableFuture::join).sum()).isEqualTo(2 * perGateway);
            assertThat(List.of(seqOne.join(), seqTwo.join())).containsExactlyInAnyOrder(204, 409);
            StreamCalls.Answer fromOne = one.get(path);
            StreamCalls.Answer fromTwo = two.get(path);
            assertThat(fromOne.body()).isEqualTo(fromTwo.body());
            assertThat(fromOne.header("Stream-Next-Offset")).isEqualTo(fromTwo.header("Stream-Next-Offset"))
                    .isEqualTo(String.format("%016d_%016d", 0, 2 * perGateway + 1));
            List<String> messages = List.of(fromOne.body().replaceAll("[\\[\\]\"]", "").split(","));
            Set<String> distinct = new HashSet<>(messages);
            assertThat(messages).hasSize(2 * perGateway + 1);
            assertThat(distinct).hasSize(messages.size());
            // Each gateway's own appends keep the order it made them in.
            for (String name : List.of("one", "two")) {
                List<Integer> order = messages.stream().filter(m -> m.startsWith(name + "-"))
                        .map(m -> Integer.parseInt(m.substring(name.length() + 1))).toList();
                List<Integer> sorted = new ArrayList<>(order);
                Collections.sort(sorted);
                assertThat(order).isEqualTo(sorted).hasSize(perGateway);
            }
        }
    }

    @Test
    void shouldKeepAUsersStreamsToThemAndOpenOnlyTheConfiguredPaths() {
        String path = "private-" + UUID.randomUUID();
        try (RunningGateway gateway = RunningGateway.start(SharedBroker.bootstrapServers(), SETTINGS)) {
            StreamCalls asAlice = new StreamCalls(gateway.port(), alice);
            StreamCalls asBob = new StreamCalls(gateway.port(), Tokens.forUser("bob"));
            StreamCalls anonymous = new StreamCalls(gateway.port(), null);
            StreamCalls forged = new StreamCalls(gateway.port(), "not-a-token");
            assertThat(asAlice.put(path, "text/plain", "mine").status()).isEqualTo(201);

            assertThat(asBob.get(path).status()).isEqualTo(404);
            assertThat(asBob.post(path, "text/plain", "ours?", Map.of()).status()).isEqualTo(404);
            assertThat(asBob.send("DELETE", path, Map.of(), null).status()).isEqualTo(404);
            assertThat(asBob.put(path, "text/plain", null).status()).isEqualTo(404);
            StreamCalls.Answer refused = anonymous.get(path);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.body()).contains("\"error\"");
            assertThat(asAlice.get(path).body()).isEqualTo("mine");

            String open = "open/" + UUID.randomUUID();
            assertThat(anonymous.put(open, "text/plain", "anyone").status()).isEqualTo(201);
            assertThat(asBob.get(open).body()).isEqualTo("anyone");
            assertThat(forged.get(open).status()).isEqualTo(401);
        }
    }

    @Test
    void shouldAnswerBadRequestsWithTheProtocolsCodesAndAJsonBody() {
        String path = "bad-" + UUID.randomUUID();
        try (RunningGateway gateway = RunningGateway.start(SharedBroker.bootstrapServers(),
                Map.of("tributary.streams.max-append", "1KB"))) {
            StreamCalls calls = new StreamCalls(gateway.port(), alice);
            assertThat(calls.send("PUT", path, Map.of("Stream-TTL", "1e3"), null).status()).isEqualTo(400);
            assertThat(calls.put(path, "application/json", null).status()).isEqualTo(201);
            List<StreamCalls.Answer> refusals = List.of(
                    calls.post(path, "application/json", "{not json", Map.of()),
                    calls.post(path, "application/json", "[]", Map.of()),
                    calls.post(path, "application/json", "\"" + "x".repeat(2000) + "\"", Map.of()),
                    calls.post(path, "text/plain", "\"typed\"", Map.of()),
                    calls.get(path + "?offset=../etc"),
                    calls.post(path, "application/json", "1", Map.of("Producer-Id", "p")));
            assertThat(refusals).extracting(StreamCalls.Answer::status).containsExactly(400, 400, 413, 409, 400, 400);
            assertThat(refusals).allSatisfy(answer -> {
                assertThat(answer.header("Content-Type")).isEqualTo("application/json");
                assertThat(answer.body()).startsWith("{\"error\":\"");
            });
            assertThat(calls.get(path).body()).isEqualTo("[]");
        }
    }

    @Test
    void shouldLeaveOnTheLogOnlyWhatLiveStreamsRestOn() {
        String kept = "kept-" + UUID.randomUUID();
        String deleted = "deleted-" + UUID.randomUUID();
        String expiring = "expiring-" + UUID.randomUUID();
        try (RunningGateway gateway = RunningGateway.start(SharedBroker.bootstrapServers(),
                Map.of("tributary.streams.expiry-sweep", "300ms"))) {
            StreamCalls calls = new StreamCalls(gateway.port(), alice);
            assertThat(calls.put(kept, "text/plain", "a").status()).isEqualTo(201);
            assertThat(calls.post(kept, "text/plain", "b", Map.of("Stream-Seq", "2")).status()).isEqualTo(204);
            assertThat(calls.post(kept, "text/plain", "c", Map.of("Stream-Seq", "1")).status()).isEqualTo(409);
            assertThat(calls.put(kept, "text/plain", null).status()).isEqualTo(200);
            assertThat(calls.put(deleted, "text/plain", "x").status()).isEqualTo(201);
            assertThat(calls.post(deleted, "text/plain", "y", Map.of()).status()).isEqualTo(204);
            assertThat(calls.send("DELETE", deleted, Map.of(), null).status()).isEqualTo(204);
            assertThat(calls.send("PUT", expiring, Map.of("Content-Type", "text/plain", "Stream-TTL", "1"), "z").status())
                    .isEqualTo(201);

            // The refused append and the repeated PUT go at once; a deleted stream's records go, its
            // delete last; the expired stream (nobody asked for it again) is swept and goes too.
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(latestByKey(kept).values()).containsExactly("CREATE", "APPEND", "tombstone", "tombstone");
                assertThat(latestByKey(deleted).values()).containsOnly("tombstone").hasSize(3);
                assertThat(latestByKey(expiring).values()).containsOnly("tombstone").hasSize(2);
            });
            List<TopicContents.Entry<StreamOperation>> deletion = records(deleted);
            assertThat(deletion.get(deletion.size() - 1).key()).isEqualTo(deletion.get(2).key());
            assertThat(deletion.get(2).value().getKind()).isEqualTo(StreamOperationKind.DELETE);
            assertThat(calls.get(kept).body()).isEqualTo("ab");
        }
    }

    /** Each key's latest record on the log for the stream: its operation's kind, or "tombstone". */
    private static Map<String, String> latestByKey(String path) {
        Map<String, String> latest = new LinkedHashMap<>();
        records(path).forEach(entry -> latest.put(entry.key(),
                entry.value() == null ? "tombstone" : entry.value().getKind().name()));
        return latest;
    }

    private static List<TopicContents.Entry<StreamOperation>> records(String path) {
        return TopicContents.matching(SharedBroker.bootstrapServers(), Topics.STREAMS_LOG,
                key -> StreamLogKeys.path(key).equals(path));
    }

    private static Map<String, String> producer(String id, long epoch, long seq) {
        return Map.of("Producer-Id", id, "Producer-Epoch", Long.toString(epoch), "Producer-Seq", Long.toString(seq));
    }
}
