package io.tributary.processor.config;

import java.time.Duration;

import io.tributary.processor.notify.PresenceSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the processor remembers viewer presence, next to the sweeper's settings under
 * {@code tributary.processor}. A job's presence entry normally goes when its end is decided; these bound
 * the entries of jobs whose end the processor never sees (presence for an unknown or retired job).
 *
 * @param presenceRetention how long after all its connections ended a job's entry is kept. Default 10
 *     minutes ({@code TRIBUTARY_PROCESSOR_PRESENCE_RETENTION}); far longer than a presence record can
 *     trail its job's events, so no entry a terminal event still needs is removed
 * @param presencePruneInterval how often, by wall-clock time, each task removes the entries past that
 *     retention. Default 1 minute ({@code TRIBUTARY_PROCESSOR_PRESENCE_PRUNE_INTERVAL})
 */
@ConfigurationProperties("tributary.processor")
public record PresenceProperties(
        @DefaultValue("10m") Duration presenceRetention,
        @DefaultValue("1m") Duration presencePruneInterval) {

    PresenceSettings settings() {
        return new PresenceSettings(presenceRetention, presencePruneInterval);
    }
}
