package io.tributary.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.tributary.ingest.testing.MutableClock;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void shouldReadSeconds() {
        assertThat(RetryAfter.parse("3", clock)).contains(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse(" 120 ", clock)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("0", clock)).contains(Duration.ZERO);
    }

    @Test
    void shouldReadAnHttpDateAsTheTimeLeftUntilIt() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 10:00:07 GMT", clock)).contains(Duration.ofSeconds(7));
    }

    @Test
    void shouldTakeADateInThePastAsNow() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 09:59:00 GMT", clock)).contains(Duration.ZERO);
    }

    @Test
    void shouldIgnoreWhatItCannotRead() {
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
        assertThat(RetryAfter.parse("", clock)).isEmpty();
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse("-5", clock)).isEmpty();
        assertThat(RetryAfter.parse("1.5", clock)).isEmpty();
    }

    @Test
    void shouldTakeAnAbsurdNumberOfSecondsAsTooLongRatherThanFail() {
        assertThat(RetryAfter.parse("99999999999999999999999", clock)).hasValueSatisfying(
                wait -> assertThat(wait).isGreaterThan(Duration.ofDays(365)));
    }
}
