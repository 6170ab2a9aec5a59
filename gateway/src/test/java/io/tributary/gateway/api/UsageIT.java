package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tributary.gateway.support.GatewayWithJobLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.TopicContents;
import io.tributary.schema.AuditAccess;
import io.tributary.schema.UsageWindow;
import io.tributary.schema.UsageWindowKind;
import io.tributary.schema.topic.RecordKeys;
import io.tributary.schema.topic.Topics;
import io.tributary.schema.usage.LatencyHistogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The usage endpoint against a real broker: window records written on {@code analytics.usage} as the
 * processor writes them (one per window, partition, user and model) come back added up per window and
 * model, for the caller alone, for one model, or for everyone to an auditor, whose reads are recorded;
 * other users' figures are 404s and bad parameters 400s.
 */
class UsageIT extends GatewayWithJobLog {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Instant HOUR = Instant.parse("2026-03-01T10:00:00Z");
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void openProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void shouldAddUpTheWindowsOfTheCallerOverPartitionsPerModel() {
        String user = "user-" + UUID.randomUUID();
        write(window(user, "m/a", 0, HOUR, 2, 100, 40, 0.5, 1200), window(user, "m/a", 3, HOUR, 1, 50, 10, 0.25, 800),
                window(user, "m/b", 1, HOUR, 1, 7, 3, 0, 100), window(user, "m/a", 0, HOUR.plusSeconds(3600), 1, 1, 1, 0, 50),
                window("someone-else", "m/a", 0, HOUR, 5, 1000, 1000, 9, 10));
        String token = Tokens.forUser(user);

        JsonNode usage = awaitUsage("?window=hour&from=2026-03-01T10:30:00Z&to=2026-03-01T12:00:00Z", token, 3);

        assertThat(usage.path("from").asString()).as("widened to the hour that holds from").isEqualTo("2026-03-01T10:00:00Z");
        assertThat(usage.path("user").asString()).isEqualTo(user);
        JsonNode first = usage.path("windows").get(0);
        assertThat(first.path("start").asString()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(first.path("gen_ai.request.model").asString()).isEqualTo("m/a");
        assertThat(first.path("jobs").path("completed").asLong()).isEqualTo(3);
        assertThat(first.path("gen_ai.usage.input_tokens").asLong()).isEqualTo(150);
        assertThat(first.path("gen_ai.usage.output_tokens").asLong()).isEqualTo(50);
        assertThat(first.path("tributary.usage.cost").asDouble()).isEqualTo(0.75);
        JsonNode duration = first.path("gen_ai.client.operation.duration");
        assertThat(duration.path("count").asLong()).isEqualTo(3);
        assertThat(duration.path("p99").asDouble()).as("the merged histograms' p99").isBetween(1.19, 1.21);
        assertThat(duration.path("p50").asDouble()).isBetween(1.19, 1.21);
        assertThat(usage.path("windows").get(1).path("gen_ai.request.model").asString()).isEqualTo("m/b");
        assertThat(usage.path("windows").get(2).path("start").asString()).isEqualTo("2026-03-01T11:00:00Z");
        assertThat(usage.path("totals").path("gen_ai.usage.input_tokens").asLong()).isEqualTo(158);
        assertThat(usage.path("totals").path("jobs").path("completed").asLong()).isEqualTo(5);

        JsonNode oneModel = Payloads.json(client.get(
                "/api/usage?window=hour&from=2026-03-01T10:00:00Z&to=2026-03-01T11:00:00Z&model=m/b", token).body());
        assertThat(oneModel.path("windows").size()).isEqualTo(1);
        assertThat(oneModel.path("totals").path("gen_ai.usage.input_tokens").asLong()).isEqualTo(7);
    }

    @Test
    void shouldGiveAnAuditorAnyUsersOrEveryonesFiguresAndRecordEachRead() {
        String user = "user-" + UUID.randomUUID();
        String other = "user-" + UUID.randomUUID();
        Instant day = Instant.parse("2026-04-02T00:00:00Z");
        write(window(user, "m/a", 2, day, UsageWindowKind.DAY, 1, 10, 1), window(other, "m/a", 4, day, UsageWindowKind.DAY, 1, 20, 2));
        String auditor = "auditor-" + UUID.randomUUID();
        String token = Tokens.withScope(auditor, "tributary:audit");
        String range = "?window=day&from=2026-04-02T00:00:00Z&to=2026-04-03T00:00:00Z";
        awaitUsage(range + "&user=" + other, Tokens.forUser(other), 1);

        JsonNode one = Payloads.json(client.get("/api/usage" + range + "&user=" + user, token).body());
        JsonNode everyone = Payloads.json(client.get("/api/usage" + range + "&user=*", token).body());

        assertThat(one.path("totals").path("gen_ai.usage.input_tokens").asLong()).isEqualTo(10);
        assertThat(everyone.path("user").asString()).isEqualTo("*");
        assertThat(everyone.path("totals").path("gen_ai.usage.input_tokens").asLong()).as("at least these two users")
                .isGreaterThanOrEqualTo(30);
        List<AuditAccess> records = TopicContents.withKey(SharedBroker.bootstrapServers(), Topics.AUDIT_ACCESS, auditor)
                .stream().map(TopicContents.Entry::value).toList();
        assertThat(records).extracting(AuditAccess::getEndpoint).containsExactly("usage", "usage");
        assertThat(records).extracting(AuditAccess::getResource).containsExactly("user:" + user, "users:*");
    }

    @Test
    void shouldRefuseOtherUsersFiguresAndBadParameters() {
        String user = "user-" + UUID.randomUUID();
        String token = Tokens.forUser(user);
        String range = "?window=hour&from=2026-03-01T10:00:00Z&to=2026-03-01T11:00:00Z";

        for (String others : List.of("&user=someone-else", "&user=*")) {
            SseClient.Response refused = client.get("/api/usage" + range + others, token);
            assertThat(refused.status()).as(others).isEqualTo(404);
            assertThat(Payloads.json(refused.body()).path("error").asString()).isNotBlank();
        }
        for (String query : List.of("?window=hour", "?window=week&from=2026-03-01T10:00:00Z",
                "?from=yesterday", "?from=2026-03-01T10:00:00Z&to=2026-03-01T09:00:00Z",
                "?window=minute&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "?from=1900-01-01T00:00:00Z")) {
            SseClient.Response bad = client.get("/api/usage" + query, token);
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(Payloads.json(bad.body()).path("error").asString()).as(query).isNotBlank();
        }
        assertThat(client.get("/api/usage" + range, null).status()).isEqualTo(401);
    }

    private JsonNode awaitUsage(String query, String token, int windows) {
        await().atMost(WAIT).until(() -> {
            SseClient.Response response = client.get("/api/usage" + query, token);
            return response.status() == 200 && Payloads.json(response.body()).path("windows").size() == windows;
        });
        return Payloads.json(client.get("/api/usage" + query, token).body());
    }

    private static UsageWindow window(String user, String model, int partition, Instant start, long completed, long input,
            long output, double cost, long durationMillis) {
        UsageWindow window = window(user, model, partition, start, UsageWindowKind.HOUR, completed, input, output);
        window.setCost(cost);
        LatencyHistogram durations = new LatencyHistogram();
        for (int i = 0; i < completed; i++) {
            durations.record(durationMillis);
        }
        window.setDurationMillis(durations.encode());
        return window;
    }

    private static UsageWindow window(String user, String model, int partition, Instant start, UsageWindowKind kind,
            long completed, long input, long output) {
        Duration size = kind == UsageWindowKind.DAY ? Duration.ofDays(1) : Duration.ofHours(1);
        return UsageWindow.newBuilder().setWindow(kind).setStart(start).setEnd(start.plus(size)).setUserId(user)
                .setModel(model).setPartition(partition).setCompletedJobs(completed).setJobsWithUsage(completed)
                .setInputTokens(input).setOutputTokens(output)
                .setFirstChunkMillis(java.nio.ByteBuffer.allocate(0)).setDurationMillis(java.nio.ByteBuffer.allocate(0))
                .build();
    }

    private static void write(UsageWindow... windows) {
        for (UsageWindow window : windows) {
            String key = RecordKeys.usageWindow(window.getWindow(), window.getStart(), window.getPartition(),
                    window.getUserId().toString(), window.getModel().toString());
            producer.send(new ProducerRecord<>(Topics.ANALYTICS_USAGE.name(), key,
                    Topics.ANALYTICS_USAGE.valueSerde().serializer().serialize(Topics.ANALYTICS_USAGE.name(), window)));
        }
        producer.flush();
    }
}
