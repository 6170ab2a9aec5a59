package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RunnerClasspathTest {

    @Test
    void shouldMakeTheRunnersOwnJarAndItsLibFolderAbsolute() throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "classpath-test", "lib"));
        String relativeJar = folder.getParent().resolve("runner.jar").toString();

        String classpath = RunnerClasspath.absolute(relativeJar);

        Path absoluteJar = Path.of(relativeJar).toAbsolutePath();
        assertThat(classpath).isEqualTo(absoluteJar + File.pathSeparator
                + absoluteJar.getParent().resolve("lib") + File.separator + "*");
    }

    @Test
    void shouldMakeEveryEntryOfAFullClasspathAbsolute() {
        String classpath = RunnerClasspath.absolute(String.join(File.pathSeparator,
                "target/classes", "/opt/kafka/kafka.jar", "lib/*"));

        assertThat(classpath.split(File.pathSeparator)).containsExactly(
                Path.of("target/classes").toAbsolutePath().toString(),
                "/opt/kafka/kafka.jar",
                Path.of("lib").toAbsolutePath() + File.separator + "*");
    }
}
