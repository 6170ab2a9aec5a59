package io.tributary.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.tributary.ingest.testing.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Which refusals are sent again, after how long, and what comes out when the attempts run out. */
class UpstreamRetryTest {

    private static final RetryProperties DEFAULTS =
            new RetryProperties(3, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(10), 0.5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final List<String> retries = new CopyOnWriteArrayList<>();

    @Test
    void shouldDoubleTheBackoffUpToItsCap() {
        UpstreamRetry noJitter = retry(new RetryProperties(10, Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 0.5), 0.0);

        assertThat(noJitter.backoffBefore(2)).isEqualTo(Duration.ofMillis(250));
        assertThat(noJitter.backoffBefore(3)).isEqualTo(Duration.ofMillis(500));
        assertThat(noJitter.backoffBefore(4)).isEqualTo(Duration.ofMillis(1000));
        assertThat(noJitter.backoffBefore(7)).isEqualTo(Duration.ofSeconds(5));
        assertThat(noJitter.backoffBefore(100)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldTakeAtMostTheJitterFractionOffTheBackoff() {
        assertThat(retry(DEFAULTS, 0.999).backoffBefore(3)).isEqualTo(Duration.ofMillis(250));
        assertThat(retry(DEFAULTS, 0.5).backoffBefore(3)).isEqualTo(Duration.ofMillis(375));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503})
    void shouldRetryRefusalsThatSayNotNow(int status) {
        Script upstream = new Script(rejected(status, null), rejected(status, null), streaming());

        UpstreamResponse response = fast().withRetries(upstream.mono(), this::record).block(Duration.ofSeconds(5));

        assertThat(response).isInstanceOf(UpstreamResponse.Streaming.class);
        assertThat(upstream.sent).hasValue(3);
        assertThat(retries).containsExactly(status + "#2", status + "#3");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 402, 404, 500, 504})
    void shouldNotRetryOtherRefusals(int status) {
        Script upstream = new Script(rejected(status, null), streaming());

        UpstreamResponse response = fast().withRetries(upstream.mono(), this::record).block(Duration.ofSeconds(5));

        assertThat(response).isInstanceOf(UpstreamResponse.Rejected.class);
        assertThat(response.status()).isEqualTo(status);
        assertThat(upstream.sent).hasValue(1);
        assertThat(retries).isEmpty();
    }

    @Test
    void shouldHandOverTheLastRefusalWhenTheAttemptsRunOut() {
        Script upstream = new Script(rejected(503, null), rejected(503, null), rejected(429, "0"), streaming());

        UpstreamResponse response = fast().withRetries(upstream.mono(), this::record).block(Duration.ofSeconds(5));

        assertThat(response).isInstanceOf(UpstreamResponse.Rejected.class);
        assertThat(response.status()).isEqualTo(429);
        assertThat(upstream.sent).hasValue(3);
    }

    @Test
    void shouldRetryARequestThatFoundNoConnection() {
        Script upstream = new Script(unreachable(new ConnectException("Connection refused")), streaming());

        UpstreamResponse response = fast().withRetries(upstream.mono(), this::record).block(Duration.ofSeconds(5));

        assertThat(response).isInstanceOf(UpstreamResponse.Streaming.class);
        assertThat(retries).containsExactly("connect#2");
    }

    @Test
    void shouldNotRetryAConnectionLostAfterTheRequestWasSent() {
        UpstreamUnreachableException lost = unreachable(new IllegalStateException("Connection prematurely closed"));
        Script upstream = new Script(lost, streaming());

        assertThatThrownBy(() -> fast().withRetries(upstream.mono(), this::record).block(Duration.ofSeconds(5)))
                .isSameAs(lost);
        assertThat(upstream.sent).hasValue(1);
    }

    @Test
    void shouldFailWithTheLastConnectionErrorWhenTheAttemptsRunOut() {
        Script upstream = new Script(unreachable(new ConnectException("1")), unreachable(new ConnectException("2")),
                unreachable(new ConnectException("3")), streaming());

        assertThatThrownBy(() -> fast().withRetries(upstream.mono(), this::record).block(Duration.ofSeconds(5)))
                .isInstanceOf(UpstreamUnreachableException.class)
                .hasRootCauseMessage("3");
    }

    @Test
    void shouldWaitAsLongAsTheUpstreamAsksWithinTheCap() {
        UpstreamRetry retry = retry(DEFAULTS, 0.0);
        UpstreamRetry.RetryableRefusal asksSeven = new UpstreamRetry.RetryableRefusal(rejected(429, "7"));
        UpstreamRetry.RetryableRefusal asksByDate =
                new UpstreamRetry.RetryableRefusal(rejected(503, "Sun, 01 Mar 2026 10:00:03 GMT"));
        UpstreamRetry.RetryableRefusal asksNothing = new UpstreamRetry.RetryableRefusal(rejected(503, null));

        assertThat(retry.delayBefore(2, asksSeven)).contains(Duration.ofSeconds(7));
        assertThat(retry.delayBefore(2, asksByDate)).contains(Duration.ofSeconds(3));
        assertThat(retry.delayBefore(2, asksNothing)).contains(Duration.ofMillis(250));
    }

    @Test
    void shouldGiveUpWhenTheUpstreamAsksForMoreThanTheCap() {
        Script upstream = new Script(rejected(429, "11"), streaming());

        UpstreamResponse response = fast().withRetries(upstream.mono(), this::record).block(Duration.ofSeconds(5));

        assertThat(response.status()).isEqualTo(429);
        assertThat(((UpstreamResponse.Rejected) response).retryAfter()).isEqualTo("11");
        assertThat(upstream.sent).hasValue(1);
    }

    @Test
    void shouldSendOnceWhenRetriesAreOff() {
        Script upstream = new Script(rejected(503, null), streaming());
        UpstreamRetry off = retry(new RetryProperties(1, Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofSeconds(1), 0), 0.0);

        assertThat(off.withRetries(upstream.mono(), this::record).block(Duration.ofSeconds(5)).status()).isEqualTo(503);
        assertThat(upstream.sent).hasValue(1);
    }

    private void record(String cause, long attempt, Duration delay) {
        retries.add(cause + "#" + attempt);
    }

    /** Real waits of a millisecond or two. */
    private UpstreamRetry fast() {
        return retry(new RetryProperties(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(10), 0), 0.0);
    }

    private UpstreamRetry retry(RetryProperties properties, double random) {
        return new UpstreamRetry(properties, clock, Schedulers.parallel(), () -> random);
    }

    private static UpstreamResponse.Rejected rejected(int status, @Nullable String retryAfter) {
        return new UpstreamResponse.Rejected(status, "application/json", "{}", "refused", null, retryAfter);
    }

    private static UpstreamResponse streaming() {
        return new UpstreamResponse.Streaming(200, "text/event-stream", Flux.empty());
    }

    private static UpstreamUnreachableException unreachable(Throwable cause) {
        return new UpstreamUnreachableException("The upstream is unreachable", cause);
    }

    /** An upstream that answers each request with the next of its answers (a response or an error). */
    private static final class Script {

        final AtomicInteger sent = new AtomicInteger();
        private final Deque<Object> answers;

        Script(Object... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        Mono<UpstreamResponse> mono() {
            return Mono.defer(() -> {
                sent.incrementAndGet();
                Object next = answers.poll();
                return next instanceof Throwable error ? Mono.error(error) : Mono.just((UpstreamResponse) next);
            });
        }
    }
}
