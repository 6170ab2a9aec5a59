package io.tributary.processor.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tributary.schema.PresenceKind;
import io.tributary.schema.ViewerPresence;
import org.jspecify.annotations.Nullable;

/**
 * The connections seen watching one job, the value of the presence store (keyed by jobId). A job has
 * few connections (a viewer's tabs and reconnections while it runs), so they are kept as a list.
 *
 * <ul>
 *   <li>JOINED records the connection from {@code at} until its lease's {@code expiresAt}.</li>
 *   <li>RENEWED extends the connection to its new {@code expiresAt}; it records the connection from
 *       {@code at} if its JOINED was never seen (pruned, or the gateway's first record was lost).</li>
 *   <li>LEFT ends the connection at {@code at}, for good: a renewal that arrives after it (a gateway's
 *       renewal racing its close) changes nothing.</li>
 * </ul>
 * A lease never shrinks: a duplicate or reordered JOINED or RENEWED only ever extends a connection.
 */
public record JobViewers(List<ViewerConnection> connections) {

    private static final JobViewers NONE = new JobViewers(List.of());

    public JobViewers {
        connections = List.copyOf(connections);
    }

    /** A job nobody has watched yet. */
    public static JobViewers none() {
        return NONE;
    }

    /**
     * Whether the record changes this job's viewers: not for a connection that has already left, nor for
     * a kind this version does not know.
     */
    public boolean accepts(ViewerPresence presence) {
        if (!understands(presence)) {
            return false;
        }
        ViewerConnection known = find(presence);
        return known == null || !known.left();
    }

    /** The viewers after {@code presence}; unchanged when it is not {@linkplain #accepts accepted}. */
    public JobViewers with(ViewerPresence presence) {
        if (!accepts(presence)) {
            return this;
        }
        ViewerConnection known = find(presence);
        ViewerConnection updated = known == null ? connect(presence) : update(known, presence);
        List<ViewerConnection> next = new ArrayList<>(connections);
        if (known == null) {
            next.add(updated);
        } else {
            next.set(next.indexOf(known), updated);
        }
        return new JobViewers(next);
    }

    /** Whether any connection was open at {@code time} (see {@link ViewerConnection#openAt}). */
    public boolean watchedAt(Instant time) {
        return connections.stream().anyMatch(connection -> connection.openAt(time));
    }

    /** Whether every connection ended before {@code cutoff}; true for a job without connections. */
    public boolean allEndedBefore(Instant cutoff) {
        return connections.stream().allMatch(connection -> connection.end().isBefore(cutoff));
    }

    private @Nullable ViewerConnection find(ViewerPresence presence) {
        for (ViewerConnection connection : connections) {
            if (connection.is(presence.getGatewayId(), presence.getConnectionId())) {
                return connection;
            }
        }
        return null;
    }

    private static ViewerConnection connect(ViewerPresence presence) {
        boolean left = presence.getKind() == PresenceKind.LEFT;
        return new ViewerConnection(presence.getGatewayId(), presence.getConnectionId(), presence.getAt(),
                left ? presence.getAt() : presence.getExpiresAt(), left);
    }

    private static ViewerConnection update(ViewerConnection known, ViewerPresence presence) {
        return switch (presence.getKind()) {
            case JOINED -> new ViewerConnection(known.gatewayId(), known.connectionId(),
                    earlier(known.joinedAt(), presence.getAt()), later(known.end(), presence.getExpiresAt()), false);
            case RENEWED -> new ViewerConnection(known.gatewayId(), known.connectionId(), known.joinedAt(),
                    later(known.end(), presence.getExpiresAt()), false);
            case LEFT -> new ViewerConnection(known.gatewayId(), known.connectionId(), known.joinedAt(),
                    presence.getAt(), true);
            default -> known;
        };
    }

    /** Whether the record is of a kind this version knows (JOINED, RENEWED, LEFT). */
    public static boolean understands(ViewerPresence presence) {
        PresenceKind kind = presence.getKind();
        return kind == PresenceKind.JOINED || kind == PresenceKind.RENEWED || kind == PresenceKind.LEFT;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
