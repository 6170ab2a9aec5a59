package io.tributary.ingest.testing;

import java.util.concurrent.CompletableFuture;

import io.tributary.ingest.lease.KafkaLeaseWriter;
import io.tributary.ingest.lease.LeaseWriter;
import io.tributary.schema.InstanceLease;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The real lease writer, which a test can cut off from the broker: while cut off, every lease fails
 * as a send to an unreachable partition leader fails, while job events still get through. That is
 * the case self-fencing exists for: the lease topic's leader unreachable, the instance otherwise fine.
 */
public final class FailableLeaseWriter implements LeaseWriter {

    private final KafkaLeaseWriter kafka;
    private volatile boolean cutOff;

    public FailableLeaseWriter(KafkaLeaseWriter kafka) {
        this.kafka = kafka;
    }

    public void cutOff(boolean cutOff) {
        this.cutOff = cutOff;
    }

    @Override
    public CompletableFuture<?> write(InstanceLease lease) {
        if (cutOff) {
            return CompletableFuture.failedFuture(new TimeoutException(
                    "Expiring 1 record(s) for ingest.leases-0: the partition leader is unreachable (test)"));
        }
        return kafka.write(lease);
    }

    @Override
    public void close() {
        kafka.close();
    }
}
