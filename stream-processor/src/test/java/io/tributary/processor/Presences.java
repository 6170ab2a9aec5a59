package io.tributary.processor;

import java.time.Instant;

import io.tributary.schema.PresenceKind;
import io.tributary.schema.ViewerPresence;

/** Viewer presence records as a gateway writes them, for one connection of one job. */
public record Presences(String jobId, String gatewayId, String connectionId) {

    public static Presences of(String jobId, String gatewayId, String connectionId) {
        return new Presences(jobId, gatewayId, connectionId);
    }

    public ViewerPresence joined(Instant at, Instant expiresAt) {
        return presence(PresenceKind.JOINED, at, expiresAt);
    }

    public ViewerPresence renewed(Instant at, Instant expiresAt) {
        return presence(PresenceKind.RENEWED, at, expiresAt);
    }

    public ViewerPresence left(Instant at) {
        return presence(PresenceKind.LEFT, at, at);
    }

    public ViewerPresence presence(PresenceKind kind, Instant at, Instant expiresAt) {
        return ViewerPresence.newBuilder()
                .setJobId(jobId)
                .setGatewayId(gatewayId)
                .setConnectionId(connectionId)
                .setUserId("user-" + jobId)
                .setKind(kind)
                .setAt(at)
                .setExpiresAt(expiresAt)
                .build();
    }
}
