package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class OpenStreamsTest {

    @Test
    void shouldGiveEachUserTheirOwnPlacesUpToTheLimit() {
        OpenStreams open = new OpenStreams(2);

        assertThat(open.tryOpen("alice")).isTrue();
        assertThat(open.tryOpen("alice")).isTrue();
        assertThat(open.tryOpen("alice")).isFalse();
        assertThat(open.tryOpen("bob")).isTrue();
        assertThat(open.openBy("alice")).isEqualTo(2);
        assertThat(open.openBy("bob")).isEqualTo(1);
    }

    @Test
    void shouldFreeAPlaceAsSoonAsAStreamCloses() {
        OpenStreams open = new OpenStreams(1);
        open.tryOpen("alice");

        open.close("alice");

        assertThat(open.openBy("alice")).isZero();
        assertThat(open.tryOpen("alice")).isTrue();
    }

    @Test
    void shouldNeverGoBelowZeroNorHandOutMoreThanTheLimitUnderRaces() throws Exception {
        OpenStreams open = new OpenStreams(20);
        open.close("alice");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Boolean>> attempts = IntStream.range(0, 200).<Callable<Boolean>>mapToObj(i -> () -> {
                start.await();
                return open.tryOpen("alice");
            }).toList();
            List<Future<Boolean>> results = attempts.stream().map(threads::submit).toList();
            start.countDown();

            long admitted = 0;
            for (Future<Boolean> result : results) {
                admitted += result.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(20);
            assertThat(open.openBy("alice")).isEqualTo(20);
        } finally {
            threads.shutdownNow();
        }
    }
}
