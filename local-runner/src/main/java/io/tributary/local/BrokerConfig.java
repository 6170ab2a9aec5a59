package io.tributary.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * The {@code server.properties} of a single-node KRaft broker (broker and controller in one process)
 * that keeps its data in a folder, so that it survives a restart.
 *
 * <p>A single node sets every replication setting to 1: with the production default of 3 the transaction
 * state log could not be created and exactly-once processing could never start.
 *
 * <p>In a cluster ({@code --brokers 3}) each node is such a process with a folder and ports of its own,
 * all of them voters of one static controller quorum; topics are then replicated 3 times and a write
 * needs 2 in-sync replicas, as in production.
 *
 * @param dataDir the folder of the broker: {@code server.properties} and the log directory {@code data/}
 * @param port the client listener (PLAINTEXT) on localhost
 * @param controllerPort the KRaft controller listener on localhost
 * @param nodeId this node's id in the cluster
 * @param voters the controller quorum: {@code id@host:controllerPort} of every node, comma-separated
 * @param clusterSize how many nodes the cluster has
 */
public record BrokerConfig(Path dataDir, int port, int controllerPort, int nodeId, String voters, int clusterSize) {

    /** The node id of the one node; also the one voter of the controller quorum. */
    static final int NODE_ID = 1;
    static final String HOST = "localhost";

    public BrokerConfig {
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** A single-node broker: node 1, its own quorum. */
    public BrokerConfig(Path dataDir, int port, int controllerPort) {
        this(dataDir, port, controllerPort, NODE_ID, NODE_ID + "@" + HOST + ":" + controllerPort, 1);
    }

    /**
     * The nodes of a local cluster: one node is the single broker in {@code kafkaDir}; several are
     * {@code kafkaDir/node-N}, node N listening on {@code port + 2(N-1)} and {@code controllerPort + 2(N-1)}
     * (by default 9092/9093, 9094/9095, 9096/9097).
     */
    public static List<BrokerConfig> cluster(Path kafkaDir, int port, int controllerPort, int brokers) {
        if (brokers == 1) {
            return List.of(new BrokerConfig(kafkaDir, port, controllerPort));
        }
        List<String> voters = new ArrayList<>();
        for (int node = 1; node <= brokers; node++) {
            voters.add(node + "@" + HOST + ":" + (controllerPort + 2 * (node - 1)));
        }
        List<BrokerConfig> nodes = new ArrayList<>();
        for (int node = 1; node <= brokers; node++) {
            nodes.add(new BrokerConfig(kafkaDir.resolve("node-" + node), port + 2 * (node - 1),
                    controllerPort + 2 * (node - 1), node, String.join(",", voters), brokers));
        }
        return nodes;
    }

    /** How many copies of each partition the cluster keeps: 3 when it has three nodes or more, else 1. */
    public int replicationFactor() {
        return Math.min(clusterSize, 3);
    }

    /** In-sync replicas a write needs: 2 of 3, or the single one. */
    public int minInsyncReplicas() {
        return replicationFactor() >= 3 ? 2 : 1;
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

    /** The cluster id the node was formatted with; null if it has not been. */
    public @Nullable String clusterId() {
        if (!isFormatted()) {
            return null;
        }
        Properties meta = new Properties();
        try (var in = Files.newInputStream(logDir().resolve("meta.properties"))) {
            meta.load(in);
            return meta.getProperty("cluster.id");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + logDir().resolve("meta.properties"), e);
        }
    }

    /** Whether the log directory has been formatted (Kafka writes {@code meta.properties} when it formats). */
    public boolean isFormatted() {
        return Files.isRegularFile(logDir().resolve("meta.properties"));
    }

    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(nodeId));
        // A static quorum: the voters are named in the configuration, so the ports may change between runs.
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", logDir().toString());
        p.setProperty("num.partitions", "6");
        String replicas = Integer.toString(replicationFactor());
        String minInsync = Integer.toString(minInsyncReplicas());
        p.setProperty("default.replication.factor", replicas);
        p.setProperty("min.insync.replicas", minInsync);
        p.setProperty("offsets.topic.replication.factor", replicas);
        p.setProperty("transaction.state.log.replication.factor", replicas);
        p.setProperty("transaction.state.log.min.isr", minInsync);
        p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        p.setProperty("share.coordinator.state.topic.min.isr", minInsync);
        // Fewer internal partitions than the default 50 each: a laptop broker starts and recovers faster.
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.num.partitions", "6");
        // A follower that stops fetching (a frozen host) leaves the in-sync replicas after 10 s rather than
        // Kafka's default 30 s: until it does, every acks=all write to a partition it follows waits for it.
        // Measured by the fault suite (FAULTS.md, pause-broker).
        p.setProperty("replica.lag.time.max.ms", "10000");
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
