package io.tributary.processor.notify;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.schema.PresenceKind;

/**
 * Counts what the notification pipeline does, as Micrometer counters (on {@code /actuator/prometheus}):
 * {@code tributary_processor_notifications_sent_total{type}},
 * {@code tributary_processor_notifications_suppressed_total{reason}} (foreground, no-user, watched,
 * muted), {@code tributary_processor_presence_applied_total{kind}} (joined, renewed, left) and
 * {@code tributary_processor_presence_ignored_total{reason}} (job-ended: presence for a job whose end
 * was already decided; connection-left: a renewal after the connection's LEFT; unreadable: a
 * tombstone or a kind this version does not know).
 *
 * <p>Micrometer rather than Kafka Streams sensors, for the reasons given on the sweeper's metrics. A
 * count is taken when the work is done; should that transaction abort, the redone work counts again, so
 * the counters may run slightly ahead of the log, never behind.
 */
public final class NotificationMetrics {

    /** Why a presence record changed nothing. */
    enum IgnoredPresence {

        /** Presence for a job whose end was already decided. */
        JOB_ENDED("job-ended"),

        /** A JOINED or RENEWED after the connection's LEFT. */
        CONNECTION_LEFT("connection-left"),

        /** A tombstone, or a kind this version does not know. */
        UNREADABLE("unreadable");

        private final String tag;

        IgnoredPresence(String tag) {
            this.tag = tag;
        }
    }

    private final Map<String, Counter> sent = new HashMap<>();
    private final Map<SuppressionReason, Counter> suppressed = new EnumMap<>(SuppressionReason.class);
    private final Map<PresenceKind, Counter> presenceApplied = new EnumMap<>(PresenceKind.class);
    private final Map<IgnoredPresence, Counter> presenceIgnored = new EnumMap<>(IgnoredPresence.class);

    public NotificationMetrics(MeterRegistry registry) {
        for (String type : List.of(NotificationComposer.RECEIVED, NotificationComposer.WARNING)) {
            sent.put(type, Counter.builder("tributary.processor.notifications.sent")
                    .description("Notifications sent to users about their finished jobs")
                    .tag("type", type)
                    .register(registry));
        }
        for (SuppressionReason reason : SuppressionReason.values()) {
            suppressed.put(reason, Counter.builder("tributary.processor.notifications.suppressed")
                    .description("Finished jobs whose user was not notified")
                    .tag("reason", reason.tag())
                    .register(registry));
        }
        for (PresenceKind kind : List.of(PresenceKind.JOINED, PresenceKind.RENEWED, PresenceKind.LEFT)) {
            presenceApplied.put(kind, Counter.builder("tributary.processor.presence.applied")
                    .description("Viewer presence records recorded in the presence store")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        for (IgnoredPresence reason : IgnoredPresence.values()) {
            presenceIgnored.put(reason, Counter.builder("tributary.processor.presence.ignored")
                    .description("Viewer presence records that changed nothing")
                    .tag("reason", reason.tag)
                    .register(registry));
        }
    }

    void notificationSent(String type) {
        Counter counter = sent.get(type);
        if (counter != null) {
            counter.increment();
        }
    }

    void notificationSuppressed(SuppressionReason reason) {
        suppressed.get(reason).increment();
    }

    void presenceApplied(PresenceKind kind) {
        Counter counter = presenceApplied.get(kind);
        if (counter != null) {
            counter.increment();
        }
    }

    void presenceIgnored(IgnoredPresence reason) {
        presenceIgnored.get(reason).increment();
    }
}
