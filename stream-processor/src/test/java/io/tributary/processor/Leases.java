package io.tributary.processor;

import java.time.Duration;
import java.time.Instant;

import io.tributary.schema.InstanceLease;
import io.tributary.schema.LeaseStatus;

/** Ingest leases as the ingest writes them. */
public final class Leases {

    /** The ingest's lease duration (the processor's default {@code lease-duration}). */
    public static final Duration DURATION = Duration.ofSeconds(10);

    private Leases() {
    }

    /** A lease renewed at {@code renewedAt}, lasting {@link #DURATION}. */
    public static InstanceLease alive(String instanceId, Instant renewedAt) {
        return alive(instanceId, renewedAt, renewedAt.plus(DURATION));
    }

    public static InstanceLease alive(String instanceId, Instant renewedAt, Instant expiresAt) {
        return lease(instanceId, LeaseStatus.ALIVE, renewedAt, expiresAt);
    }

    /** The lease an instance writes at an orderly shutdown. */
    public static InstanceLease stopped(String instanceId, Instant at) {
        return lease(instanceId, LeaseStatus.STOPPED, at, at);
    }

    private static InstanceLease lease(String instanceId, LeaseStatus status, Instant renewedAt, Instant expiresAt) {
        return InstanceLease.newBuilder()
                .setInstanceId(instanceId)
                .setStatus(status)
                .setRenewedAt(renewedAt)
                .setExpiresAt(expiresAt)
                .build();
    }
}
