package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tributary.gateway.support.GatewayWithJobLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/jobs?from=&to=} against a real broker: the caller's jobs that started in the window,
 * found on {@code jobs.deltas} by the records' times, paged with a cursor; the status as
 * {@code jobs.state} holds it, or {@code unknown} where it holds nothing; bad windows and cursors are
 * 400s.
 */
class JobListByTimeIT extends GatewayWithJobLog {

    private static final Duration WAIT = Duration.ofSeconds(15);


    @Test
    void shouldListTheCallersJobsThatStartedInTheWindowWithTheStatusJobsStateHolds() {
        String user = "lister-" + UUID.randomUUID();
        String token = Tokens.forUser(user);
        Instant before = Instant.now().minusMillis(5);
        TestEvents folded = newJob();
        TestEvents unfolded = newJob();
        TestEvents foreign = newJob();
        log.append(folded.started(user), folded.text(1, "a"));
        log.appendWithoutState(unfolded.started(user), foreign.started("someone-else"));
        Instant after = Instant.now().plusMillis(5);
        await().atMost(WAIT).until(() -> client.get("/api/jobs/" + folded.jobId() + "/status", token).status() == 200);

        JsonNode page = list(token, "?from=" + before + "&to=" + after);

        assertThat(ids(page)).containsExactlyInAnyOrder(folded.jobId(), unfolded.jobId());
        assertThat(statusOf(page, folded.jobId())).isEqualTo("streaming");
        assertThat(statusOf(page, unfolded.jobId())).isEqualTo("unknown");
        assertThat(page.path("next").isNull()).isTrue();
        assertThat(ids(list(token, "?from=" + before + "&to=" + after + "&status=streaming")))
                .containsExactly(folded.jobId());
        assertThat(ids(list(token, "?from=" + before.minusSeconds(60) + "&to=" + before))).isEmpty();
        // A job found by time is one the other endpoints find too.
        SseClient.Response events = client.get("/api/jobs/" + unfolded.jobId() + "/events", token);
        assertThat(events.status()).isEqualTo(200);
        assertThat(Payloads.json(events.body()).path("events").size()).isEqualTo(1);
    }

    @Test
    void shouldPageWithTheCursorUntilTheWindowIsRead() {
        String user = "pager-" + UUID.randomUUID();
        String token = Tokens.forUser(user);
        Instant before = Instant.now().minusMillis(5);
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestEvents job = newJob();
            log.appendWithoutState(job.started(user));
            started.add(job.jobId());
        }
        Instant after = Instant.now().plusMillis(5);

        List<String> listed = new ArrayList<>();
        String window = "?from=" + before + "&to=" + after + "&limit=1";
        JsonNode page = list(token, window);
        int pages = 1;
        while (!page.path("next").isNull()) {
            assertThat(page.path("jobs").size()).isLessThanOrEqualTo(1);
            listed.addAll(ids(page));
            page = list(token, window + "&cursor=" + page.path("next").asString());
            pages++;
        }
        listed.addAll(ids(page));

        assertThat(listed).containsExactlyInAnyOrderElementsOf(started);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldRefuseBadWindowsAndCursors() {
        String token = Tokens.forUser("alice");
        Instant now = Instant.now();
        String otherWindow = list(token, "?from=" + now.minusSeconds(3600) + "&to=" + now + "&limit=1")
                .path("next").asString("");
        List<String> bad = new ArrayList<>(List.of("?to=" + now, "?from=yesterday", "?from=" + now + "&to=" + now,
                "?from=" + now + "&to=" + now.minusSeconds(1), "?from=" + now.minusSeconds(60) + "&limit=0",
                "?from=" + now.minusSeconds(60) + "&limit=1001", "?from=" + now.minusSeconds(60) + "&cursor=%25%25",
                "?from=" + now.minusSeconds(60) + "&cursor=bm90LWEtY3Vyc29y", "?limit=5",
                "?from=1960-01-01T00:00:00Z", "?from=" + now.minusSeconds(60) + "&to=%2B20000-01-01T00:00:00Z"));
        if (!otherWindow.isEmpty()) {
            bad.add("?from=" + now.minusSeconds(10) + "&to=" + now + "&cursor=" + otherWindow);
        }
        for (String query : bad) {
            SseClient.Response response = client.get("/api/jobs" + query, token);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(Payloads.json(response.body()).path("error").asString()).as(query).isNotBlank();
        }
    }

    private static JsonNode list(String token, String query) {
        SseClient.Response response = client.get("/api/jobs" + query, token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Payloads.json(response.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("jobs").forEach(job -> ids.add(job.path("id").asString()));
        return ids;
    }

    private static String statusOf(JsonNode page, String jobId) {
        for (JsonNode job : page.path("jobs")) {
            if (job.path("id").asString().equals(jobId)) {
                return job.path("status").asString();
            }
        }
        throw new AssertionError(jobId + " is not listed: " + page);
    }

    private static TestEvents newJob() {
        return new TestEvents(UUID.randomUUID().toString());
    }
}
