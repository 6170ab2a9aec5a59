package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RestartingChild} on real child processes: the fake service killed, or dying at every start. */
class RestartingChildTest {

    private static final RestartBackoff FAST = new RestartBackoff(Duration.ofMillis(50), Duration.ofMillis(400),
            Duration.ofSeconds(30));

    @TempDir
    static Path directory;
    private static Path jar;
    private final List<ServiceProcess> started = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void packFakeService() throws Exception {
        jar = FakeServiceJar.create(directory);
    }

    @AfterEach
    void killWhatIsLeft() {
        started.forEach(ServiceProcess::kill);
        timer.shutdownNow();
    }

    @Test
    void shouldStartAKilledServiceAgainOnItsPortAndStopForGoodWhenAsked() {
        int port = ServiceProcessTest.freePort();
        ServiceProcess first = start("killed", port, false).awaitHealthy(Duration.ofSeconds(30));
        RestartingChild child = new RestartingChild("killed", running(first), () -> running(start("killed", port, false)),
                FAST, timer, Clock.systemUTC());

        first.kill();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> child.restarts() == 1
                && started.get(started.size() - 1).isHealthy());
        ServiceProcess second = started.get(1);
        child.stop();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !second.isAlive());
        assertThat(second.logTail(5)).contains(FakeService.STOPPED_GRACEFULLY);
        assertThat(child.restarts()).isEqualTo(1);
        assertThat(started).hasSize(2);
    }

    @Test
    void shouldBackOffFromAServiceThatDiesAtEveryStart() throws InterruptedException {
        int port = ServiceProcessTest.freePort();
        RestartingChild child = new RestartingChild("crashing", running(start("crashing", port, true)),
                () -> running(start("crashing", port, true)), FAST, timer, Clock.systemUTC());

        Thread.sleep(3_000);
        child.stop();

        // 50, 100, 200, then 400 ms between deaths (plus each JVM's start): a handful, not hundreds.
        assertThat(child.restarts()).isBetween(3, 10);
    }

    @Test
    void shouldDoubleTheDelayUpToItsCap() {
        assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map(RestartBackoff.DEFAULT::delay).toList()).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16), Duration.ofSeconds(30));
    }

    private ServiceProcess start(String name, int port, boolean crashing) {
        ServiceProcess.Builder builder = ServiceProcess.builder(name, jar).port(port)
                .logFile(directory.resolve(name + "-" + started.size() + ".log"));
        if (crashing) {
            builder.env("FAKE_EXIT_CODE", "3");
        }
        ServiceProcess service = builder.start();
        started.add(service);
        return service;
    }

    private static RestartingChild.Running running(ServiceProcess process) {
        return RestartingChild.Running.of(process);
    }
}
