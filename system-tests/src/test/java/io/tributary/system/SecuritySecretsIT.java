package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.tributary.schema.JobEventType;
import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security suite, secrets: the ingest's upstream key ({@code tributary.upstream.api-key}), a caller's
 * {@code x-or3-openrouter-key} and users' bearer tokens appear in no answer (body or header), no
 * service log and no record of {@code jobs.deltas}, {@code jobs.state} or {@code notifications},
 * after jobs that complete, that the upstream refuses (HTTP 500), that fail mid-stream, and requests
 * the services refuse themselves.
 */
class SecuritySecretsIT {

    private static final String CLIENT_KEY = "sk-or-v1-the-callers-own-key-5b8e0d27c1";
    private static final Duration JOB_BOUND = Duration.ofSeconds(60);

    private static TributaryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
    }

    @Test
    void shouldKeepTheUpstreamKeyTheCallersKeyAndTokensOutOfEveryAnswerLogAndRecord() throws Exception {
        TributaryClient user = TributaryClient.freshUser(stack, "secretive");
        List<HttpResponse<String>> answers = new ArrayList<>();
        JobLog log = new JobLog(stack);

        Map<String, JobEventType> outcomes = Map.of(
                start(user, answers, JobRequest.of("secret, completed", 5, 10).inThread("s1", "m1"), false), JobEventType.COMPLETED,
                start(user, answers, JobRequest.of("secret, with the caller's key", 5, 10).inThread("s2", "m2"), true),
                JobEventType.COMPLETED,
                start(user, answers, JobRequest.of("secret, refused upstream", 5, 10).inThread("s3", "m3").failing("http_500"), true),
                JobEventType.FAILED,
                start(user, answers, JobRequest.of("secret, failed mid-stream", 6, 10).inThread("s4", "m4").failing("midstream_error"),
                        false), JobEventType.FAILED);
        HttpResponse<String> foreground = ingest(user, JobRequest.of("secret, foreground", 5, 10).foreground(), true);
        HttpResponse<String> foregroundRefused = ingest(user,
                JobRequest.of("secret, foreground refused", 5, 10).failing("http_500").foreground(), true);
        answers.add(foreground);
        answers.add(foregroundRefused);
        answers.add(ingest(user, "{\"messages\":\"not a list\"}", true));
        answers.add(HttpCall.post(stack.ingestUrl() + "/api/openrouter/stream").bearer(BadToken.FORGED.of(stack.tokens, user.user()))
                .header("x-or3-openrouter-key", CLIENT_KEY).json(JobRequest.of("forged", 3, 10).background()).send());

        assertThat(foreground.statusCode()).as(foreground.body()).isEqualTo(200);
        assertThat(foregroundRefused.statusCode()).as("the upstream's status passed on").isEqualTo(500);
        assertThat(foregroundRefused.body()).as("the upstream's error body passed on").contains("Simulated upstream failure");
        ErrorAnswers.assertError(answers.get(answers.size() - 2), 400);
        ErrorAnswers.assertError(answers.get(answers.size() - 1), 401);
        for (Map.Entry<String, JobEventType> job : outcomes.entrySet()) {
            assertThat(log.awaitTerminal(job.getKey(), JOB_BOUND).getType()).as("how job %s ended", job.getKey())
                    .isEqualTo(job.getValue());
        }
        NotificationLog notifications = new NotificationLog(stack);
        outcomes.keySet().forEach(notifications::awaitFor);

        ServiceLogs logs = new ServiceLogs(stack);
        for (String secret : List.of(TributaryStack.UPSTREAM_API_KEY, CLIENT_KEY, user.token())) {
            answers.forEach(answer -> ErrorAnswers.assertNotEchoed(answer, secret));
            logs.assertNowhere(secret);
            assertNotIn(Topics.JOB_DELTAS, secret);
            assertNotIn(Topics.JOB_STATE, secret);
            assertNotIn(Topics.NOTIFICATIONS, secret);
        }
    }

    /** Starts a background job through the raw API, keeping its answer; returns the job id. */
    private static String start(TributaryClient user, List<HttpResponse<String>> answers, JobRequest request, boolean withClientKey)
            throws Exception {
        HttpResponse<String> answer = ingest(user, request.background(), withClientKey);
        answers.add(answer);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return TributaryClient.JSON.readTree(answer.body()).path("jobId").asString();
    }

    private static HttpResponse<String> ingest(TributaryClient user, String body, boolean withClientKey) throws Exception {
        HttpCall call = HttpCall.post(stack.ingestUrl() + "/api/openrouter/stream").bearer(user.token()).json(body);
        if (withClientKey) {
            call.header("x-or3-openrouter-key", CLIENT_KEY);
        }
        return call.send();
    }

    /** Every record of the topic, as text (Avro's JSON rendering holds every field), is free of the secret. */
    private static void assertNotIn(Topic<String, ?> topic, String secret) {
        List<? extends ConsumerRecord<String, ?>> records = TopicReader.readAll(stack.bootstrapServers(), topic);
        assertThat(records).as("records of %s", topic.name()).isNotEmpty();
        assertThat(records.stream().map(ConsumerRecord::value).filter(Objects::nonNull).map(Object::toString))
                .as("records of %s that hold a secret", topic.name())
                .noneMatch(text -> text.contains(secret));
    }
}
