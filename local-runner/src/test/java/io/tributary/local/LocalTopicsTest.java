package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class LocalTopicsTest {

    private final Map<String, NewTopic> topics = LocalTopics.definitions().stream()
            .collect(Collectors.toMap(NewTopic::name, topic -> topic));

    @Test
    void shouldDefineTributarysTopicsWithSixPartitionsPerJobKeyedTopicAndOneReplica() {
        assertThat(topics).containsOnlyKeys(Topics.JOB_DELTAS.name(), Topics.JOB_STATE.name(), Topics.JOB_CONTROL.name(),
                Topics.INGEST_LEASES.name(), Topics.JOB_VIEWERS.name(), Topics.THREAD_PREFS.name(),
                Topics.NOTIFICATIONS.name(), Topics.NOTIFICATION_MARKS.name(), Topics.AUDIT_ACCESS.name(),
                Topics.ANALYTICS_USAGE.name(), Topics.STREAMS_LOG.name());
        assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo((short) 1));
        assertThat(topics.get("jobs.deltas").numPartitions()).isEqualTo(6);
        assertThat(topics.get("jobs.state").numPartitions()).isEqualTo(6);
        assertThat(topics.get("jobs.control").numPartitions()).isEqualTo(6);
        assertThat(topics.get("jobs.viewers").numPartitions()).isEqualTo(6);
        assertThat(topics.get("ingest.leases").configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void shouldKeepDeltasSevenDaysCompactStateAndKeepControlAnHour() {
        assertThat(topics.get("jobs.deltas").configs())
                .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "604800000");
        assertThat(topics.get("jobs.state").configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.get("jobs.control").configs())
                .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "3600000");
    }

    @Test
    void shouldKeepNotificationsThirtyDaysAndCompactPreferencesAndMarks() {
        assertThat(topics.get("notifications").configs())
                .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "2592000000");
        assertThat(topics.get("threads.prefs").configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.get("notifications.marks").configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.get("jobs.viewers").configs())
                .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "86400000");
    }

    @Test
    void shouldKeepAuditorsAccessRecordsAYear() {
        assertThat(topics.get("audit.access").configs())
                .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "31536000000");
    }

    @Test
    void shouldCompactUsageWindowsAndKeepThemFourHundredDays() {
        assertThat(topics.get("analytics.usage").configs())
                .containsEntry("cleanup.policy", "compact,delete").containsEntry("retention.ms", "34560000000");
    }

    @Test
    void shouldCompactDurableStreamsRequestsAndTakeAppendsUpToTwoMebibytes() {
        assertThat(topics.get("streams.log").configs())
                .containsEntry("cleanup.policy", "compact").containsEntry("max.message.bytes", "2097152")
                .doesNotContainKey("retention.ms");
    }
}
