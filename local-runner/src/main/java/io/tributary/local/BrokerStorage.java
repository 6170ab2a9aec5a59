package io.tributary.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Uuid;

/**
 * Formats a KRaft broker's log directory on first use, with Kafka's own {@code kafka.tools.StorageTool},
 * as {@code kafka-storage.sh format} would. A formatted directory is never formatted again: that would
 * give it a new cluster id and lose the data it exists to keep.
 */
final class BrokerStorage {

    static final String FORMAT_LOG = "format.log";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);

    private BrokerStorage() {
    }

    /** @return whether the directory was formatted now (false when it already was) */
    static boolean formatIfNeeded(BrokerConfig config, String classpath) {
        return formatIfNeeded(config, classpath, Uuid.randomUuid().toString());
    }

    /** @param clusterId the cluster's id: every node of one cluster is formatted with the same */
    static boolean formatIfNeeded(BrokerConfig config, String classpath, String clusterId) {
        if (config.isFormatted()) {
            return false;
        }
        Path propertiesFile = config.write();
        List<String> command = JavaCommands.mainClass(classpath, "kafka.tools.StorageTool", LocalBroker.JVM_OPTIONS,
                List.of("format", "--config", propertiesFile.toString(),
                        "--cluster-id", clusterId, "--ignore-formatted"));
        ChildProcess format = ChildProcess.start("kafka storage format", command, Map.of(),
                config.dataDir().resolve(FORMAT_LOG), config.dataDir());
        if (!format.awaitExit(FORMAT_TIMEOUT)) {
            format.kill();
            throw new ServiceStartException("Formatting the broker's storage in " + config.logDir()
                    + " did not finish within " + FORMAT_TIMEOUT.toSeconds() + " s");
        }
        if (format.exitValue() != 0 || !config.isFormatted()) {
            throw new ServiceStartException("Formatting the broker's storage in " + config.logDir() + " failed (exit "
                    + format.exitValue() + "):" + System.lineSeparator() + format.logTail(30));
        }
        return true;
    }
}
