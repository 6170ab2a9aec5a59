package io.tributary.ingest.job;

import java.util.Optional;

/**
 * Whether this instance may write jobs' events, as its liveness lease says. Another writer (the
 * processor ending orphans) may write into a job only once the lease of the instance that runs it
 * has expired; so the instance stops writing a little before that moment whenever it could not
 * renew, and never writes under that instance id again.
 */
public interface InstanceLiveness {

    /**
     * The instance id under which new jobs start and are written, or empty when this instance holds
     * no valid lease right now (not yet acknowledged, lost, or given up at shutdown).
     */
    Optional<String> activeInstanceId();

    /** Whether events of jobs started under this instance id may still be written. */
    boolean mayWrite(String instanceId);

    /** A liveness that never expires, for tests and tools that run jobs without a lease. */
    static InstanceLiveness always(String instanceId) {
        return new InstanceLiveness() {
            @Override
            public Optional<String> activeInstanceId() {
                return Optional.of(instanceId);
            }

            @Override
            public boolean mayWrite(String id) {
                return instanceId.equals(id);
            }
        };
    }
}
