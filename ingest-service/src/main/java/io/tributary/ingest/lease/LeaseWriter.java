package io.tributary.ingest.lease;

import java.util.concurrent.CompletableFuture;

import io.tributary.schema.InstanceLease;

/** Puts an instance's lease on the log. */
public interface LeaseWriter extends AutoCloseable {

    /**
     * Hands the lease over without blocking for long.
     *
     * @return completes when every in-sync replica has it, exceptionally when it could not be written
     */
    CompletableFuture<?> write(InstanceLease lease);

    @Override
    void close();
}
