package io.tributary.gateway.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway serves inboxes, their feed and thread preferences. Each can be set by environment
 * variable in Spring's relaxed form, e.g. {@code TRIBUTARY_GATEWAY_NOTIFICATIONS_STREAM_BUFFER=512}.
 *
 * @param writeTimeout how long writing an inbox mark or a thread preference may wait for each of the
 *     cluster's metadata and its acknowledgement before the request answers 503; default 5s
 * @param readBackTimeout how long a request that wrote a mark or a preference waits for this gateway's
 *     replica to read it back (so that the answer, and the next request, show it) before it answers
 *     503; the replica is normally a poll behind, milliseconds; default 5s
 * @param streamBuffer how many notifications may wait for one slow feed subscriber; when it is full the
 *     feed is closed (the client resumes with its last event id) instead of holding the replica back;
 *     default 256
 * @param readyWait how long a request waits, while the gateway is still reading the inboxes or
 *     preferences that were on Kafka at start-up, before it answers 503; default 3s
 */
@ConfigurationProperties("tributary.gateway.notifications")
public record NotificationProperties(
        @DefaultValue("5s") Duration writeTimeout,
        @DefaultValue("5s") Duration readBackTimeout,
        @DefaultValue("256") int streamBuffer,
        @DefaultValue("3s") Duration readyWait) {

    public NotificationProperties {
        if (writeTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("tributary.gateway.notifications.write-timeout must be at least 1ms");
        }
        if (readBackTimeout.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "tributary.gateway.notifications.read-back-timeout must be at least 1ms");
        }
        if (streamBuffer < 1) {
            throw new IllegalArgumentException("tributary.gateway.notifications.stream-buffer must be at least 1");
        }
    }
}
