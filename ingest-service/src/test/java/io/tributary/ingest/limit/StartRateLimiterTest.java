package io.tributary.ingest.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.tributary.ingest.testing.MutableClock;
import org.junit.jupiter.api.Test;

class StartRateLimiterTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final StartRateLimiter limiter = new StartRateLimiter(3, MINUTE, clock);

    @Test
    void shouldAllowAsManyStartsAsTheLimitWithinAMinuteAndSayWhenTheNextIsAllowed() {
        assertThat(limiter.tryStart("ann")).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.tryStart("ann")).isEmpty();
        assertThat(limiter.tryStart("ann")).isEmpty();
        clock.advance(Duration.ofSeconds(5));

        // The oldest start (at 0 s) leaves the window at 60 s; it is 15 s now.
        assertThat(limiter.tryStart("ann")).contains(Duration.ofSeconds(45));
    }

    @Test
    void shouldSlideTheWindowRatherThanResetItEachMinute() {
        clock.advance(Duration.ofSeconds(50));
        limiter.tryStart("ann");
        limiter.tryStart("ann");
        limiter.tryStart("ann");
        // Past a fixed minute's boundary (60 s), but the three starts are 20 s old only.
        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.tryStart("ann")).contains(Duration.ofSeconds(40));

        clock.advance(Duration.ofSeconds(40));
        assertThat(limiter.tryStart("ann")).isEmpty();
    }

    @Test
    void shouldNotCountRefusedAttempts() {
        limiter.tryStart("ann");
        limiter.tryStart("ann");
        limiter.tryStart("ann");
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryStart("ann")).isPresent();
        }

        clock.advance(MINUTE);

        assertThat(limiter.tryStart("ann")).isEmpty();
        assertThat(limiter.tryStart("ann")).isEmpty();
        assertThat(limiter.tryStart("ann")).isEmpty();
    }

    @Test
    void shouldCountEachUserOnItsOwn() {
        limiter.tryStart("ann");
        limiter.tryStart("ann");
        limiter.tryStart("ann");

        assertThat(limiter.tryStart("ben")).isEmpty();
        assertThat(limiter.tryStart("ann")).isPresent();
    }

    @Test
    void shouldForgetUsersWithoutAStartInTheWindow() {
        for (int i = 0; i < 100; i++) {
            limiter.tryStart("user-" + i);
        }
        assertThat(limiter.trackedUsers()).isEqualTo(100);

        clock.advance(MINUTE.plusSeconds(1));
        limiter.tryStart("ann");

        assertThat(limiter.trackedUsers()).isEqualTo(1);
    }
}
