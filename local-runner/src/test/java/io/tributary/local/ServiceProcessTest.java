package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ServiceProcess} on real child processes: a small JDK HTTP server stands in for a service. */
class ServiceProcessTest {

    @TempDir
    static Path directory;
    private static Path jar;
    private final List<ServiceProcess> started = new ArrayList<>();

    @BeforeAll
    static void packFakeService() throws Exception {
        jar = FakeServiceJar.create(directory);
    }

    @AfterEach
    void killWhatIsLeft() {
        started.forEach(ServiceProcess::kill);
    }

    @Test
    void shouldBecomeHealthyOnItsPortWithTheGivenEnvironmentAndArguments() throws Exception {
        ServiceProcess service = start(builder("healthy").env("FAKE_START_DELAY_MS", "700")
                .env("FAKE_GREETING", "hello-from-env").arg("--some.option=42"));

        service.awaitHealthy(Duration.ofSeconds(30));

        assertThat(service.isHealthy()).isTrue();
        assertThat(get(service.healthUri())).contains("hello-from-env");
        assertThat(service.logTail(10)).contains(FakeService.STARTED + "[--some.option=42]");
    }

    @Test
    void shouldGiveTheChildNoStandardInputToWaitOn() {
        ServiceProcess service = start(builder("stdin"));

        service.awaitHealthy(Duration.ofSeconds(30));

        assertThat(service.logTail(10)).contains(FakeService.STDIN_AT_END);
    }

    @Test
    void shouldFailAtOnceWithTheEndOfTheLogWhenTheServiceExitsBeforeItIsHealthy() {
        ServiceProcess service = start(builder("crashing").env("FAKE_EXIT_CODE", "3"));
        long start = System.nanoTime();

        assertThatThrownBy(() -> service.awaitHealthy(Duration.ofSeconds(60)))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("crashing exited with code 3")
                .hasMessageContaining("boom: the fake service cannot start");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void shouldTimeOutWhenTheServiceNeverReportsUp() {
        ServiceProcess service = start(builder("down").env("FAKE_STATUS", "DOWN"));

        assertThatThrownBy(() -> service.awaitHealthy(Duration.ofSeconds(2)))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("was not healthy at " + service.healthUri() + " within 2 s");
        assertThat(service.isAlive()).isTrue();
    }

    @Test
    void shouldStopGracefullyWithSigterm() {
        ServiceProcess service = start(builder("graceful")).awaitHealthy(Duration.ofSeconds(30));

        boolean graceful = service.stop();

        assertThat(graceful).isTrue();
        assertThat(service.isAlive()).isFalse();
        assertThat(service.exitValue()).isEqualTo(143);
        assertThat(service.logTail(5)).contains(FakeService.STOPPED_GRACEFULLY);
    }

    @Test
    void shouldKillAServiceThatDoesNotStopWithinTheGracePeriod() {
        ServiceProcess service = start(builder("stuck").env("FAKE_STUCK_ON_STOP", "true"))
                .awaitHealthy(Duration.ofSeconds(30));

        boolean graceful = service.stop(Duration.ofSeconds(1));

        assertThat(graceful).isFalse();
        assertThat(service.isAlive()).isFalse();
        assertThat(service.logTail(5)).contains(FakeService.STOPPED_GRACEFULLY);
    }

    @Test
    void shouldKillAtOnceLikeACrashWithoutRunningShutdownHooks() {
        ServiceProcess service = start(builder("killed")).awaitHealthy(Duration.ofSeconds(30));

        service.kill();

        assertThat(service.isAlive()).isFalse();
        assertThat(service.exitValue()).isEqualTo(137);
        assertThat(service.logTail(5)).doesNotContain(FakeService.STOPPED_GRACEFULLY);
    }

    @Test
    void shouldRefuseToStartAJarThatDoesNotExist() {
        assertThatThrownBy(() -> ServiceProcess.builder("ghost", directory.resolve("missing.jar")).port(1).start())
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("missing.jar");
    }

    private ServiceProcess.Builder builder(String name) {
        return ServiceProcess.builder(name, jar).port(freePort()).logFile(directory.resolve(name + ".log"));
    }

    private ServiceProcess start(ServiceProcess.Builder builder) {
        ServiceProcess service = builder.start();
        started.add(service);
        return service;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
