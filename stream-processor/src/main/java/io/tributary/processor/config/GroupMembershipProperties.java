package io.tributary.processor.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the processor's Kafka Streams client is a member of its consumer group, so that a restart or a
 * rolling deploy does not leave the group waiting for a member that is gone.
 *
 * @param instanceId a name for this processor instance that stays the same across its restarts and that
 *     no other instance of the group uses at the same time: the pod name of a StatefulSet, or
 *     {@code processor-1}, {@code processor-2} on one host ({@code TRIBUTARY_PROCESSOR_MEMBERSHIP_INSTANCE_ID}).
 *     Set, it makes the processor a static member ({@code group.instance.id}, with each stream thread's
 *     index appended by Kafka Streams): an instance that restarts within the session timeout gets its
 *     partitions back at once, with no rebalance, whether it stopped cleanly or was killed. Unset (the
 *     default, as two processes must never share a name), the member is dynamic and leaves the group
 *     when it closes, so a clean restart rebalances at once instead of after the session timeout; a killed
 *     dynamic member is still waited for until its session times out
 */
@ConfigurationProperties("tributary.processor.membership")
public record GroupMembershipProperties(@Nullable String instanceId) {

    public GroupMembershipProperties {
        if (instanceId != null && instanceId.isBlank()) {
            instanceId = null;
        }
    }

    /** Whether the processor is a static member of its group. */
    public boolean isStatic() {
        return instanceId != null;
    }
}
