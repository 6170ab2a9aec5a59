package io.tributary.gateway.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway reports its viewers on {@code jobs.viewers}.
 *
 * @param lease how long a viewer counts after its last renewal if its gateway goes silent (a crash, a
 *     partition): the processor notifies about a job that ends later than that; default 30s
 * @param renewInterval how often every open stream renews its lease; a third of the lease, so that two
 *     renewals may be lost before a live viewer stops counting; default 10s
 * @param sendTimeout how long one presence record may wait for the cluster's metadata, and one request for
 *     its acknowledgement before it is sent again; default 5s. A record is retried for as long as the
 *     lease (it describes a moment, so a late write still says the right thing): a broker failover,
 *     longer than the send timeout, must not drop the viewers it began under (the fault suite's
 *     {@code kill-leader-broker} notified a watched job before). One that cannot be written within the
 *     lease is counted and dropped, never waited for by a viewer
 */
@ConfigurationProperties("tributary.gateway.presence")
public record PresenceProperties(
        @DefaultValue("30s") Duration lease,
        @DefaultValue("10s") Duration renewInterval,
        @DefaultValue("5s") Duration sendTimeout) {

    public PresenceProperties {
        if (renewInterval.toMillis() < 1) {
            throw new IllegalArgumentException("tributary.gateway.presence.renew-interval must be at least 1ms");
        }
        if (lease.compareTo(renewInterval) <= 0) {
            throw new IllegalArgumentException(
                    "tributary.gateway.presence.lease must be longer than tributary.gateway.presence.renew-interval");
        }
        if (sendTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("tributary.gateway.presence.send-timeout must be at least 1ms");
        }
    }
}
