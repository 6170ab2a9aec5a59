package io.tributary.schema.topic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

import io.tributary.schema.UsageWindowKind;

/**
 * Keys made of more than one id. Each part is URL-encoded before it is joined with {@code /}, so that
 * no two different pairs share a key whatever characters the ids hold (a user id may contain a
 * {@code /}); the parts stay readable in tools such as the console consumer.
 */
public final class RecordKeys {

    private RecordKeys() {
    }

    /** The key of a user's preferences for one thread on {@code threads.prefs}. */
    public static String thread(String userId, String threadId) {
        return encode(userId) + "/" + encode(threadId);
    }

    /**
     * The key of one of a user's inbox marks on {@code notifications.marks}: a later mark with the same
     * key replaces the earlier one when the topic is compacted.
     *
     * @param scope what the mark is about: a notification id, or a name such as {@code all-read}
     */
    public static String mark(String userId, String scope) {
        return encode(userId) + "/" + encode(scope);
    }

    /**
     * The key of one usage window's figures from one partition on {@code analytics.usage}: the window's
     * size and start (ISO-8601, so that keys sort by time within a size), the partition, the user and
     * the model. A later record with the same key holds the same window's newer figures.
     */
    public static String usageWindow(UsageWindowKind kind, Instant start, int partition, String userId, String model) {
        return kind.name().toLowerCase(Locale.ROOT) + "/" + start + "/" + partition + "/" + encode(userId) + "/"
                + encode(model);
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
