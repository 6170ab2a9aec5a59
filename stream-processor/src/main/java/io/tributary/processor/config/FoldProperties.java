package io.tributary.processor.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the fold publishes streaming jobs' states, next to the sweeper's settings under
 * {@code tributary.processor}.
 *
 * @param publishInterval how often, by wall-clock time, each job changed since its last publication is
 *     published on {@code jobs.state} with its whole content. A job's first and terminal states go out
 *     at once. Default 1 second ({@code TRIBUTARY_PROCESSOR_PUBLISH_INTERVAL}), the commit interval: a
 *     read_committed reader would not see them sooner. Shorter costs more bytes on {@code jobs.state}
 *     (each publication carries the whole content so far); 0 publishes every change, O(n²) bytes for
 *     an n-chunk job. Viewers do not wait for it: they follow {@code jobs.deltas} from a state's position.
 */
@ConfigurationProperties("tributary.processor")
public record FoldProperties(@DefaultValue("1s") Duration publishInterval) {

    public FoldProperties {
        if (publishInterval.isNegative()) {
            throw new IllegalArgumentException("tributary.processor.publish-interval must not be negative");
        }
    }
}
