package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServiceTest {

    @TempDir
    Path root;

    @Test
    void shouldFindTheExecutableJarOfAModuleAndNotItsPlainJar() throws Exception {
        Path target = Files.createDirectories(root.resolve("gateway/target"));
        Files.createFile(target.resolve("gateway-0.1.0-SNAPSHOT.jar"));
        Path exec = Files.createFile(target.resolve("gateway-0.1.0-SNAPSHOT-exec.jar"));

        assertThat(LocalService.GATEWAY.jar(root)).isEqualTo(exec);
    }

    @Test
    void shouldSayHowToBuildWhenTheJarIsMissing() {
        assertThatThrownBy(() -> LocalService.INGEST.jar(root))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("ingest-service")
                .hasMessageContaining("run-local.sh");
    }
}
