package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tributary.ingest.testing.JobEventLog;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.ingest.testing.TestTokens;
import io.tributary.schema.JobEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest service as it runs: real HTTP on a random port, a real in-process KRaft broker, a real
 * (scripted) upstream server. Every IT class extends this unchanged, so they all share one
 * application context and one broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tributary.security.jwt-secret=" + TestTokens.SECRET,
        "tributary.topics.replication-factor=1",
        "tributary.topics.partitions=3",
        "tributary.ingest.instance-id=" + AbstractIngestIT.INSTANCE_ID,
        "tributary.upstream.api-key=" + AbstractIngestIT.SERVER_KEY,
        // Under the SSE event cap (512 KB), so that a test can make Kafka refuse an event the parser let through.
        "spring.kafka.producer.properties.max.request.size=" + AbstractIngestIT.MAX_REQUEST_BYTES,
        // Many tests, few users: the limits have their own test (LimitsIT) with their own settings.
        "tributary.ingest.limits.concurrent-jobs-per-user=100",
        "tributary.ingest.limits.concurrent-jobs-per-instance=200",
        "tributary.ingest.limits.starts-per-user-per-minute=10000",
})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class AbstractIngestIT {

    protected static final String INSTANCE_ID = "ingest-it";
    protected static final String SERVER_KEY = "server-upstream-key";
    protected static final int MAX_REQUEST_BYTES = 256 * 1024;
    protected static final Duration JOB_TIMEOUT = Duration.ofSeconds(20);
    protected static final ScriptedUpstream UPSTREAM = ScriptedUpstream.start();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("tributary.upstream.base-url", UPSTREAM::baseUrl);
    }

    @LocalServerPort
    private int port;

    /**
     * This context's own broker. Not the {@code spring.kafka.bootstrap-servers} property: the embedded
     * broker sets it as a system property, which the broker of the latest context created overwrites,
     * while the application of an older context still writes to its own.
     */
    @Autowired
    private EmbeddedKafkaBroker broker;

    protected WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    protected String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected List<JobEvent> awaitEnded(String jobId) {
        return new JobEventLog(bootstrapServers()).awaitEnded(jobId, JOB_TIMEOUT);
    }

    protected Map<String, List<JobEvent>> awaitAllEnded(Collection<String> jobIds) {
        return new JobEventLog(bootstrapServers()).awaitAllEnded(jobIds, JOB_TIMEOUT);
    }

    protected List<JobEvent> readFor(String jobId, Duration duration) {
        return new JobEventLog(bootstrapServers()).readFor(jobId, duration);
    }

    /** Opens a foreground (proxied) stream through the real endpoint; its body is read by the caller. */
    protected ResponseEntity<Flux<DataBuffer>> openForeground(String userId, String body) {
        return WebClient.create(baseUrl()).post()
                .uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer(userId))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .toEntityFlux(DataBuffer.class)
                .block(Duration.ofSeconds(5));
    }

    /** Starts a background job through the real endpoint and returns its jobId. */
    protected String startBackground(String userId, String body) {
        byte[] answer = client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer(userId))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBodyContent();
        JsonNode json = JSON.readTree(answer);
        assertThat(json.path("status").asString()).isEqualTo("streaming");
        String jobId = json.path("jobId").asString();
        assertThat(UUID.fromString(jobId)).isNotNull();
        return jobId;
    }

    protected static String bearer(String userId) {
        return "Bearer " + TestTokens.forUser(userId);
    }

    /** A model name no other test uses: the scripted upstream answers by model. */
    protected static String uniqueModel(String label) {
        return "test/" + label + "-" + UUID.randomUUID();
    }

    /** A chat-completions body for the model, with Tributary's own fields appended as given. */
    protected static String body(String model, String tributaryFields) {
        return "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]"
                + (tributaryFields.isEmpty() ? "" : ", " + tributaryFields) + "}";
    }

    protected static String background(String threadId, String messageId) {
        return "\"_background\": true, \"_threadId\": \"" + threadId + "\", \"_messageId\": \"" + messageId + "\"";
    }
}
