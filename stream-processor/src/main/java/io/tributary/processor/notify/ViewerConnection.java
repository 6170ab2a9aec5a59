package io.tributary.processor.notify;

import java.time.Instant;

/**
 * One gateway connection (an SSE stream) that watched a job: from {@code joinedAt} to {@code end}, both
 * by the gateway's clock.
 *
 * @param gatewayId the gateway process that holds the connection
 * @param connectionId unique within its gateway
 * @param joinedAt when the connection opened (or, if its JOINED was never seen, its first renewal)
 * @param end until when it counts: its lease's expiry while open, the moment it closed once {@code left}
 * @param left whether the gateway said the connection closed; final, so that a late renewal after it
 *     cannot make the connection count again
 */
public record ViewerConnection(String gatewayId, String connectionId, Instant joinedAt, Instant end, boolean left) {

    /**
     * Whether the connection was open at {@code time}, bounds included: a viewer who left in the same
     * millisecond as the job ended saw the end; a lease that expired before it did not (its gateway died).
     */
    public boolean openAt(Instant time) {
        return !time.isBefore(joinedAt) && !time.isAfter(end);
    }

    /** Whether this is the connection {@code gatewayId}/{@code connectionId}. */
    boolean is(String gateway, String connection) {
        return gatewayId.equals(gateway) && connectionId.equals(connection);
    }
}
