package io.tributary.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tributary.schema.topic.TopicDefinitions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Tributary's topics on a single local broker, created when missing and never altered: the same names,
 * partition count and cleanup policies as the services declare (service-support's topic declarations),
 * with replication factor 1.
 */
public final class LocalTopics {

    /** Partitions of every jobId-keyed topic; all must be equal so that the processor can co-partition them. */
    public static final int PARTITIONS = 6;
    static final Duration DELTAS_RETENTION = Duration.ofDays(7);
    static final Duration CONTROL_RETENTION = Duration.ofHours(1);
    static final Duration NOTIFICATIONS_RETENTION = Duration.ofDays(30);
    private static final long TIMEOUT_SECONDS = 30;

    private LocalTopics() {
    }

    /** The topics with their settings: the services' definitions, with replication factor 1. */
    public static List<NewTopic> definitions() {
        return definitions(1);
    }

    /** The same with each partition kept {@code replicationFactor} times (3 on a three-node cluster). */
    public static List<NewTopic> definitions(int replicationFactor) {
        return new TopicDefinitions(PARTITIONS, (short) replicationFactor, DELTAS_RETENTION, CONTROL_RETENTION,
                NOTIFICATIONS_RETENTION).newTopics();
    }

    /**
     * Creates the topics that do not exist yet.
     *
     * @return the names of the topics created now
     */
    public static List<String> createMissing(String bootstrapServers) {
        return createMissing(bootstrapServers, 1);
    }

    public static List<String> createMissing(String bootstrapServers, int replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = definitions(replicationFactor).stream()
                    .filter(topic -> !existing.contains(topic.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new ServiceStartException("Cannot create Tributary's topics on " + bootstrapServers + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("Interrupted while creating topics");
        }
    }
}
