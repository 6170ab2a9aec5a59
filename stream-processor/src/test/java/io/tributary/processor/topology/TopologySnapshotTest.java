package io.tributary.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Compares the live topology with the checked-in description, so that any change of processors,
 * stores or topics shows up as a diff in review. A renamed store or processor changes internal
 * topics and loses state in a running deployment: such a diff needs a migration plan.
 *
 * <p>To accept an intended change: run with {@code -Dtopology.snapshot.update=true}, which rewrites
 * {@value #SNAPSHOT}, and commit the file.
 */
class TopologySnapshotTest {

    static final String SNAPSHOT = "src/test/resources/topology.txt";

    @Test
    void shouldMatchTheCheckedInTopologyDescription() throws IOException {
        String live = TopologyFixture.jobStateTopology().describe().toString();
        Path snapshot = Path.of(SNAPSHOT);

        if (Boolean.getBoolean("topology.snapshot.update")) {
            Files.writeString(snapshot, live, StandardCharsets.UTF_8);
        }

        assertThat(live).isEqualTo(Files.readString(snapshot, StandardCharsets.UTF_8));
    }
}
