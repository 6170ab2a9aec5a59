package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.tributary.gateway.support.GatewayWithJobLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import io.tributary.schema.JobEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The raw endpoint against a real broker: the {@code raw} bytes of a job's records, in seq order, byte
 * for byte (CRLFs, comments, a BOM and invalid UTF-8 included), as one {@code text/event-stream} body;
 * a job without capture, another user's job and an unknown one are 404s with a JSON body.
 */
class JobRawIT extends GatewayWithJobLog {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String alice = Tokens.forUser("alice");

    @Test
    void shouldGiveBackTheCapturedBytesExactly() throws Exception {
        TestEvents job = newJob();
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] first = concat(bom, ascii(": OPENROUTER PROCESSING\r\n\r\ndata: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\r\n\r\n"));
        byte[] invalidUtf8 = concat(ascii("data: {\"choices\":[{\"delta\":{\"content\":\"lo"), new byte[] {(byte) 0xC3, (byte) 0x28},
                ascii("\"}}]}\n\n"));
        byte[] done = ascii("data: [DONE]\n\n");
        log.append(withRaw(job.started("alice"), new byte[0]), withRaw(job.text(1, "Hel"), first),
                withRaw(job.text(2, "lo"), invalidUtf8), withRaw(job.completed(3), done));

        HttpResponse<byte[]> raw = awaitRaw(job, alice, true);

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(raw.headers().firstValue(JobRawController.ENDED_HEADER)).hasValue("true");
        assertThat(raw.body()).isEqualTo(concat(first, invalidUtf8, done));
    }

    @Test
    void shouldGiveWhatHasComeSoFarWhileTheJobStreams() throws Exception {
        TestEvents job = newJob();
        byte[] chunk = ascii("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n");
        log.append(withRaw(job.started("alice"), new byte[0]), withRaw(job.text(1, "a"), chunk));

        HttpResponse<byte[]> raw = awaitRaw(job, alice, false);

        assertThat(raw.body()).isEqualTo(chunk);
        assertThat(raw.headers().firstValue(JobRawController.ENDED_HEADER)).hasValue("false");
    }

    @Test
    void shouldAnswerNotFoundWithoutCaptureForAnotherUserAndForAnUnknownJob() throws Exception {
        TestEvents uncaptured = newJob();
        log.append(uncaptured.started("alice"), uncaptured.text(1, "secret"), uncaptured.completed(2));
        await().atMost(WAIT).until(() -> client.get("/api/jobs/" + uncaptured.jobId() + "/events", alice).status() == 200);

        HttpResponse<byte[]> none = get(rawPath(uncaptured), alice);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(Payloads.json(text(none)).path("error").asString()).contains("capture-raw was off");

        TestEvents captured = newJob();
        log.append(withRaw(captured.started("alice"), new byte[0]),
                withRaw(captured.text(1, "secret"), ascii("data: secret\n\n")));
        awaitRaw(captured, alice, false);
        HttpResponse<byte[]> foreign = get(rawPath(captured), Tokens.forUser("mallory"));
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(Payloads.json(text(foreign)).path("error").asString()).isEqualTo("Job not found");
        assertThat(text(foreign)).doesNotContain("secret");
        assertThat(get("/api/jobs/" + UUID.randomUUID() + "/raw", alice).statusCode()).isEqualTo(404);
        assertThat(get(rawPath(captured), null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<byte[]> awaitRaw(TestEvents job, String token, boolean ended) throws Exception {
        await().atMost(WAIT).until(() -> {
            HttpResponse<byte[]> response = get(rawPath(job), token);
            return response.statusCode() == 200
                    && response.headers().firstValue(JobRawController.ENDED_HEADER).orElse("").equals(Boolean.toString(ended));
        });
        return get(rawPath(job), token);
    }

    private HttpResponse<byte[]> get(String path, @Nullable String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JobEvent withRaw(JobEvent event, byte[] raw) {
        event.setRaw(ByteBuffer.wrap(raw));
        return event;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String rawPath(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/raw";
    }

    private static TestEvents newJob() {
        return new TestEvents(UUID.randomUUID().toString());
    }
}
