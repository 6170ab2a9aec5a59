package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldConfigureOneNodeThatIsBrokerAndControllerOnTheGivenPorts() {
        Properties properties = new BrokerConfig(dataDir, 19092, 19093).properties();

        assertThat(properties)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@localhost:19093")
                .containsEntry("listeners", "PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://localhost:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    }

    @Test
    void shouldReplicateEverythingOnceBecauseThereIsOneBroker() {
        Properties properties = new BrokerConfig(dataDir, 9092, 9093).properties();

        assertThat(properties)
                .containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1");
    }

    @Test
    void shouldKeepTheLogInsideTheDataFolder() {
        BrokerConfig config = new BrokerConfig(dataDir, 9092, 9093);

        assertThat(config.properties().getProperty("log.dirs")).isEqualTo(dataDir.resolve("data").toString());
        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
    }

    @Test
    void shouldWriteThePropertiesFileThatTheBrokerReads() throws Exception {
        BrokerConfig config = new BrokerConfig(dataDir, 19092, 19093);

        Path file = config.write();

        Properties written = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            written.load(in);
        }
        assertThat(file).isEqualTo(dataDir.resolve("server.properties"));
        assertThat(written).isEqualTo(config.properties());
        assertThat(dataDir.resolve("data")).isDirectory();
    }

    @Test
    void shouldCountAsFormattedOnlyOnceKafkaWroteItsMetaProperties() throws Exception {
        BrokerConfig config = new BrokerConfig(dataDir, 9092, 9093);
        config.write();
        assertThat(config.isFormatted()).isFalse();

        Files.writeString(config.logDir().resolve("meta.properties"), "cluster.id=x\n");

        assertThat(config.isFormatted()).isTrue();
    }

    @Test
    void shouldMakeThreeNodesOfOneQuorumWithPortsTwoApartAndTripleReplication(@TempDir Path kafkaDir) {
        List<BrokerConfig> nodes = BrokerConfig.cluster(kafkaDir, 9092, 9093, 3);

        assertThat(nodes).extracting(BrokerConfig::port).containsExactly(9092, 9094, 9096);
        assertThat(nodes).extracting(BrokerConfig::controllerPort).containsExactly(9093, 9095, 9097);
        assertThat(nodes).extracting(node -> node.dataDir().getFileName().toString())
                .containsExactly("node-1", "node-2", "node-3");
        Properties second = nodes.get(1).properties();
        assertThat(second.getProperty("node.id")).isEqualTo("2");
        assertThat(second.getProperty("controller.quorum.voters"))
                .isEqualTo("1@localhost:9093,2@localhost:9095,3@localhost:9097");
        assertThat(second.getProperty("default.replication.factor")).isEqualTo("3");
        assertThat(second.getProperty("min.insync.replicas")).isEqualTo("2");
        assertThat(second.getProperty("transaction.state.log.min.isr")).isEqualTo("2");
        assertThat(second.getProperty("replica.lag.time.max.ms")).as("a frozen follower leaves the ISR in 10 s")
                .isEqualTo("10000");
        assertThat(BrokerConfig.cluster(kafkaDir, 9092, 9093, 1)).singleElement()
                .satisfies(single -> assertThat(single.dataDir()).isEqualTo(kafkaDir.toAbsolutePath().normalize()));
    }
}
