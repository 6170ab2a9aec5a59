package io.tributary.gateway.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.tributary.schema.JobStatus;
import io.tributary.schema.Notification;
import io.tributary.schema.NotificationAction;
import io.tributary.schema.topic.TopicDefinitions;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes notifications to {@code notifications} on a real broker as the processor would: keyed by
 * userId, one per job. Creates the inbox topics first if no gateway has yet, with the definitions
 * the services use, so that a notification written before any gateway starts lands on the same
 * partitions as later ones.
 */
public final class NotificationLog implements AutoCloseable {

    /** A notification as it lies in the log; {@code eventId} is what the gateway shows as its id. */
    public record Written(Notification notification, int partition, long offset) {

        public String id() {
            return notification.getId();
        }

        public String eventId() {
            return Long.toString(offset);
        }
    }

    private static final Set<String> INBOX_TOPICS = Set.of(Topics.NOTIFICATIONS.name(),
            Topics.NOTIFICATION_MARKS.name(), Topics.THREAD_PREFS.name());

    private final KafkaProducer<String, byte[]> producer;

    public NotificationLog(String bootstrapServers) {
        createInboxTopics(bootstrapServers);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A completed job's notification with an "Open chat" action, as the processor words it. */
    public Written notify(String userId) {
        String jobId = UUID.randomUUID().toString();
        Notification notification = Notification.newBuilder()
                .setId("job:" + jobId)
                .setUserId(userId)
                .setJobId(jobId)
                .setThreadId("thread-" + jobId.substring(0, 8))
                .setMessageId("message-" + jobId.substring(0, 8))
                .setType("ai.message.received")
                .setTitle("Reply ready")
                .setBody("Your reply is ready.\nLine two \u2028 \"quoted\"")
                .setOutcome(JobStatus.COMPLETE)
                .setActions(List.of(NotificationAction.newBuilder()
                        .setId("open")
                        .setLabel("Open chat")
                        .setKind("navigate")
                        .setTarget(Map.of("threadId", "thread-" + jobId.substring(0, 8)))
                        .setData(Map.of("messageId", "message-" + jobId.substring(0, 8)))
                        .build()))
                .setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
        return write(notification);
    }

    /** Writes the notification as given (e.g. a second record with an id already used). */
    public Written write(Notification notification) {
        byte[] value = Topics.NOTIFICATIONS.valueSerde().serializer().serialize(Topics.NOTIFICATIONS.name(), notification);
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(Topics.NOTIFICATIONS.name(),
                    notification.getUserId(), value)).get();
            return new Written(notification, written.partition(), written.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void createInboxTopics(String bootstrapServers) {
        List<NewTopic> topics = new TopicDefinitions(6, (short) 1, Duration.ofDays(7), Duration.ofHours(1),
                Duration.ofDays(30)).newTopics().stream().filter(topic -> INBOX_TOPICS.contains(topic.name())).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
