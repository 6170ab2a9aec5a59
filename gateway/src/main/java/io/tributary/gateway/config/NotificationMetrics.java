package io.tributary.gateway.config;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.schema.MarkKind;
import reactor.core.publisher.Flux;

/**
 * The meters of inboxes, on {@code /actuator/prometheus}: {@code tributary_gateway_notification_streams}
 * (open notification feeds on this gateway) and {@code tributary_gateway_notification_marks_total}
 * (marks written to {@code notifications.marks} and read back, by {@code kind}: {@code read},
 * {@code all_read}, {@code cleared}).
 */
public final class NotificationMetrics {

    private final AtomicInteger streams = new AtomicInteger();
    private final Map<MarkKind, Counter> marks = new EnumMap<>(MarkKind.class);

    public NotificationMetrics(MeterRegistry registry) {
        Gauge.builder("tributary.gateway.notification.streams", streams, AtomicInteger::get)
                .description("Open SSE feeds of notifications on this gateway")
                .register(registry);
        for (MarkKind kind : MarkKind.values()) {
            if (kind != MarkKind.UNKNOWN) {
                marks.put(kind, Counter.builder("tributary.gateway.notification.marks")
                        .description("Inbox marks written to notifications.marks, by kind")
                        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
        }
    }

    public void markWritten(MarkKind kind) {
        Counter counter = marks.get(kind);
        if (counter != null) {
            counter.increment();
        }
    }

    /** Counts the feed as open from subscription to its end, whatever ends it. */
    public <T> Flux<T> countStream(Flux<T> stream) {
        return Flux.defer(() -> {
            streams.incrementAndGet();
            return stream.doFinally(signal -> streams.decrementAndGet());
        });
    }

    public int streams() {
        return streams.get();
    }
}
