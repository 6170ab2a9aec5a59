package io.tributary.gateway.inbox;

import java.time.Instant;

/** An ALL_READ or CLEARED mark: every notification of the user at or below {@code offset}, since {@code at}. */
record ThroughMark(long offset, Instant at) {

    boolean covers(long notificationOffset) {
        return notificationOffset <= offset;
    }

    /**
     * Marks only ever move forward: a gateway that lagged when the user asked may write a mark with a
     * lower offset than an earlier one, which must not make read notifications unread again.
     */
    static ThroughMark later(ThroughMark current, ThroughMark next) {
        return next.offset > current.offset ? next : current;
    }
}
