package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.tributary.gateway.support.ControlLog;
import io.tributary.gateway.support.JobLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.RawHttp;
import io.tributary.gateway.support.RawHttp.Answer;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Another user's job is a 404 indistinguishable from a job that does not exist, on every job endpoint:
 * same status, same headers, same body, and the same wait (a missing job is answered only after the
 * attach wait, 1s here), so that neither the answer nor its timing tells a prober which ids exist;
 * whether the gateway knows the job from {@code jobs.state} or only from its live tail's directory.
 */
class JobTenancyIT {

    private static final Duration ATTACH_WAIT = Duration.ofSeconds(1);
    /** Generous: a loaded machine may answer late, never early. */
    private static final Duration AT_MOST = ATTACH_WAIT.plusSeconds(2);

    private static JobLog log;
    private static RunningGateway gateway;
    private static RawHttp http;
    private static TestEvents alicesJob;
    /** Known to the gateway only from its live tail: its state is never published. */
    private static TestEvents alicesUnfoldedJob;

    private final String alice = Tokens.forUser("alice");
    private final String mallory = Tokens.forUser("mallory");

    @BeforeAll
    static void start() {
        log = new JobLog(SharedBroker.bootstrapServers());
        gateway = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of("tributary.gateway.attach-wait", "1s"));
        http = new RawHttp(gateway.port());
        alicesJob = new TestEvents(UUID.randomUUID().toString());
        log.append(alicesJob.started("alice"), alicesJob.text(1, "private words"));
        alicesUnfoldedJob = new TestEvents(UUID.randomUUID().toString());
        log.appendWithoutState(alicesUnfoldedJob.started("alice"), alicesUnfoldedJob.text(1, "private words"));
        for (TestEvents job : List.of(alicesJob, alicesUnfoldedJob)) {
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    timed("GET", "/api/jobs/" + job.jobId() + "/status", Tokens.forUser("alice")).answer().status() == 200);
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
        log.close();
    }

    record Timed(Answer answer, Duration took) {
    }

    @ParameterizedTest(name = "{0} {1}, known from {2}")
    @CsvSource({"GET, status, jobs.state", "GET, stream, jobs.state", "POST, abort, jobs.state",
            "POST, stream-token, jobs.state", "GET, status, the live tail", "GET, stream, the live tail",
            "POST, abort, the live tail", "POST, stream-token, the live tail"})
    void shouldAnswerAForeignJobExactlyAsAMissingOneAndAfterTheSameWait(String method, String endpoint, String source) {
        TestEvents job = source.equals("jobs.state") ? alicesJob : alicesUnfoldedJob;
        Timed foreign = timed(method, "/api/jobs/" + job.jobId() + "/" + endpoint, mallory);
        Timed missing = timed(method, "/api/jobs/" + UUID.randomUUID() + "/" + endpoint, mallory);
        Timed own = timed("GET", "/api/jobs/" + job.jobId() + "/status", alice);

        assertThat(foreign.answer().status()).isEqualTo(404);
        assertThat(foreign.answer().body()).isEqualTo(missing.answer().body()).doesNotContain("private words");
        assertThat(Payloads.json(foreign.answer().body()).path("error").asString()).isEqualTo("Job not found");
        assertThat(withoutDate(foreign.answer().headers())).isEqualTo(withoutDate(missing.answer().headers()));
        assertThat(List.of(foreign.took(), missing.took())).allSatisfy(took ->
                assertThat(took).isBetween(ATTACH_WAIT, AT_MOST));
        assertThat(own.took()).as("only what is not the caller's waits").isLessThan(ATTACH_WAIT);
        try (ControlLog control = new ControlLog(SharedBroker.bootstrapServers())) {
            assertThat(control.commandsOf(job.jobId())).isEmpty();
        }
    }

    private static Timed timed(String method, String path, String token) {
        long started = System.nanoTime();
        Answer answer = http.send(method, path, Map.of("Authorization", "Bearer " + token));
        return new Timed(answer, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Map<String, String> withoutDate(Map<String, String> headers) {
        Map<String, String> kept = new TreeMap<>(headers);
        kept.remove("date");
        return kept;
    }
}
