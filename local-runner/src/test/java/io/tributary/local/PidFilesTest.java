package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFilesTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepTheLatestPidOfEachChildUnderThePidsFolder() throws Exception {
        PidFiles pids = PidFiles.in(dataDir);

        pids.write("kafka-2", 4_101);
        pids.write("kafka-2", 4_202);
        pids.write("gateway-2", 77);

        assertThat(pids.read("kafka-2")).hasValue(4_202);
        assertThat(pids.read("gateway-2")).hasValue(77);
        assertThat(Files.readString(dataDir.resolve("pids/kafka-2.pid"))).isEqualTo("4202\n");
        try (var files = Files.list(dataDir.resolve("pids"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(
                    "kafka-2.pid", "gateway-2.pid");
        }
    }

    @Test
    void shouldReadNothingForAChildNeverStartedOrAnUnreadableFile() throws Exception {
        PidFiles pids = PidFiles.in(dataDir);
        Files.createDirectories(dataDir.resolve("pids"));
        Files.writeString(dataDir.resolve("pids/ingest-service.pid"), "not a pid");

        assertThat(pids.read("processor")).isEqualTo(OptionalLong.empty());
        assertThat(pids.read("ingest-service")).isEqualTo(OptionalLong.empty());
    }
}
