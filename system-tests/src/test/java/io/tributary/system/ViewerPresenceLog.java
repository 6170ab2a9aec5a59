package io.tributary.system;

import java.util.List;

import io.tributary.schema.PresenceKind;
import io.tributary.schema.ViewerPresence;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the gateways told the processor about a job's viewers on {@code jobs.viewers}. The presence
 * tests read it to show that the situation they set up (a viewer that left, a viewer whose gateway
 * died) is the one the processor saw, so that a notification is not there merely because no presence
 * was ever published.
 */
final class ViewerPresenceLog {

    private final String bootstrapServers;

    ViewerPresenceLog(TributaryStack stack) {
        this.bootstrapServers = stack.bootstrapServers();
    }

    /** The job's presence records in the order of the topic. */
    List<ViewerPresence> of(String jobId) {
        return TopicReader.readAll(bootstrapServers, Topics.JOB_VIEWERS).stream()
                .filter(record -> jobId.equals(record.key()))
                .map(ConsumerRecord::value)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    static List<ViewerPresence> ofKind(List<ViewerPresence> presences, PresenceKind kind) {
        return presences.stream().filter(presence -> presence.getKind() == kind).toList();
    }
}
