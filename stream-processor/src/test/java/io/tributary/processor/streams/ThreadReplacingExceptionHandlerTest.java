package io.tributary.processor.streams;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class ThreadReplacingExceptionHandlerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final ThreadReplacingExceptionHandler handler =
            new ThreadReplacingExceptionHandler(3, Duration.ofMinutes(10), clock);

    @Test
    void shouldReplaceTheThreadUntilTheLimitIsReachedWithinTheWindow() {
        assertThat(handler.handle(failure())).isEqualTo(REPLACE_THREAD);
        clock.advance(Duration.ofMinutes(4));
        assertThat(handler.handle(failure())).isEqualTo(REPLACE_THREAD);
        clock.advance(Duration.ofMinutes(4));

        assertThat(handler.handle(failure())).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldForgetFailuresOlderThanTheWindow() {
        handler.handle(failure());
        clock.advance(Duration.ofMinutes(6));
        handler.handle(failure());
        clock.advance(Duration.ofMinutes(4));

        assertThat(handler.handle(failure()))
                .as("the first failure is exactly 10 minutes old and no longer counts").isEqualTo(REPLACE_THREAD);
        clock.advance(Duration.ofMinutes(1));
        assertThat(handler.handle(failure())).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldShutDownAtTheFirstFailureWhenTheLimitIsOne() {
        ThreadReplacingExceptionHandler strict = new ThreadReplacingExceptionHandler(1, Duration.ofMinutes(1), clock);

        assertThat(strict.handle(failure())).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldRefuseALimitBelowOneOrAnEmptyWindow() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ThreadReplacingExceptionHandler(0, Duration.ofMinutes(1), clock));
        assertThatIllegalArgumentException().isThrownBy(() -> new ThreadReplacingExceptionHandler(3, Duration.ZERO, clock));
    }

    private static StreamsException failure() {
        return new StreamsException("boom");
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
