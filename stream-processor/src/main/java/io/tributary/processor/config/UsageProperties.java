package io.tributary.processor.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The usage analytics ({@code io.tributary.processor.usage}), a Kafka Streams application of its own in
 * the processor service.
 *
 * @param enabled whether this processor instance runs them (default true); instances that do share the
 *     work through their consumer group, as the job topology's instances do
 * @param applicationId the Kafka Streams application id: its consumer group, transactional ids and
 *     internal topics. A new id recomputes every window from the start of {@code jobs.deltas}
 *     (default {@code tributary-usage})
 * @param outputTopic where the windows are written (default {@code analytics.usage}); another topic lets
 *     a recomputation be compared with the live figures before it replaces them
 * @param grace how long after its end a window still takes jobs that ended in it (default 2 minutes):
 *     it covers jobs whose terminal event reaches the log late (clock skew between ingest instances, a
 *     processor writing an orphan's end). Then the window is closed and its figures are final
 * @param closeCheckInterval how often, in the stream time of a partition, open windows are checked for
 *     closing (default 10 s): a window closes at most this long after its grace has passed
 */
@ConfigurationProperties("tributary.usage")
public record UsageProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("tributary-usage") String applicationId,
        @DefaultValue("analytics.usage") String outputTopic,
        @DefaultValue("2m") Duration grace,
        @DefaultValue("10s") Duration closeCheckInterval) {

    public UsageProperties {
        if (applicationId.isBlank()) {
            throw new IllegalArgumentException("tributary.usage.application-id must not be blank");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("tributary.usage.grace must not be negative");
        }
        if (closeCheckInterval.isNegative() || closeCheckInterval.isZero()) {
            throw new IllegalArgumentException("tributary.usage.close-check-interval must be positive");
        }
    }
}
