package io.tributary.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The pace of the content deltas: a fixed schedule, so that a late delta does not delay the ones after it. */
class CompletionStreamTest {

    @Test
    void shouldKeepToTheScheduleAfterADeltaWasHeldBack() {
        // The first delta (due 20 ms in) is held for 500 ms. On the schedule, the other nine were due by 200 ms
        // and all go at once after it; a pause before each would take 9 × 20 ms more.
        AtomicLong firstAt = new AtomicLong();

        List<Integer> deltas = CompletionStream.paced(Flux.range(0, 10), Duration.ofMillis(20))
                .doOnNext(index -> {
                    if (index == 0) {
                        firstAt.set(System.nanoTime());
                        sleep(500);
                    }
                })
                .collectList()
                .block(Duration.ofSeconds(10));

        long afterFirstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstAt.get());
        assertThat(deltas).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(afterFirstMillis).isBetween(500L, 600L);
    }

    @Test
    void shouldNotPaceWithoutAnInterval() {
        assertThat(CompletionStream.paced(Flux.range(0, 3), Duration.ZERO).collectList().block())
                .containsExactly(0, 1, 2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
