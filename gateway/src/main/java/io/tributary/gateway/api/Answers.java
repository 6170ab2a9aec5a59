package io.tributary.gateway.api;

/** The small JSON answers of the inbox and thread endpoints. */
final class Answers {

    private Answers() {
    }

    /** {@code {"unreadCount": n}} */
    record UnreadCount(int unreadCount) {
    }

    /** {@code {"cleared": n}}: how many notifications the clear hid. */
    record Cleared(int cleared) {
    }

    /** {@code {"threadId": ..., "muted": ...}} */
    record ThreadMute(String threadId, boolean muted) {
    }
}
