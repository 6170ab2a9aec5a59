package io.tributary.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code server.properties} of a single-node KRaft broker (broker and controller in one process)
 * that keeps its data in a folder, so that it survives a restart.
 *
 * <p>Every replication setting is 1 because there is one broker: with the production default of 3 the
 * transaction state log could not be created and exactly-once processing could never start.
 *
 * @param dataDir the folder of the broker: {@code server.properties} and the log directory {@code data/}
 * @param port the client listener (PLAINTEXT) on localhost
 * @param controllerPort the KRaft controller listener on localhost
 */
public record BrokerConfig(Path dataDir, int port, int controllerPort) {

    /** The node id of the one node; also the one voter of the controller quorum. */
    static final int NODE_ID = 1;
    static final String HOST = "localhost";

    public BrokerConfig {
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** The folder where the broker keeps its partitions and the metadata log. */
    public Path logDir() {
        return dataDir.resolve("data");
    }

    public Path propertiesFile() {
        return dataDir.resolve("server.properties");
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** Whether the log directory has been formatted (Kafka writes {@code meta.properties} when it formats). */
    public boolean isFormatted() {
        return Files.isRegularFile(logDir().resolve("meta.properties"));
    }

    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        // A static quorum: the voter is named in the configuration, so the ports may change between runs.
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", logDir().toString());
        p.setProperty("num.partitions", "6");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions than the default 50 each: a laptop broker starts and recovers faster.
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.num.partitions", "6");
        // No wait for more group members before the first rebalance: there is one instance of each service.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Writes {@link #propertiesFile()} (anew on every start, so that changed ports apply). */
    public Path write() {
        try {
            Files.createDirectories(logDir());
            try (OutputStream out = Files.newOutputStream(propertiesFile())) {
                properties().store(out, "Written by Tributary's local runner on every start; edit BrokerConfig instead");
            }
            return propertiesFile();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + propertiesFile(), e);
        }
    }
}
