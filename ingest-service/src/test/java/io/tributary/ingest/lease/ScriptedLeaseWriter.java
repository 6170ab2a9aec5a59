package io.tributary.ingest.lease;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tributary.schema.InstanceLease;
import org.apache.kafka.common.errors.TimeoutException;

/** A lease log that acknowledges, refuses or holds each lease as the test says. */
final class ScriptedLeaseWriter implements LeaseWriter {

    enum Answer { ACKNOWLEDGE, FAIL, HOLD }

    final List<InstanceLease> written = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Object>> held = new CopyOnWriteArrayList<>();
    volatile Answer answer = Answer.ACKNOWLEDGE;
    volatile boolean closed;

    @Override
    public CompletableFuture<?> write(InstanceLease lease) {
        written.add(lease);
        return switch (answer) {
            case ACKNOWLEDGE -> CompletableFuture.completedFuture(null);
            case FAIL -> CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s)"));
            case HOLD -> {
                CompletableFuture<Object> pending = new CompletableFuture<>();
                held.add(pending);
                yield pending;
            }
        };
    }

    InstanceLease last() {
        return written.get(written.size() - 1);
    }

    @Override
    public void close() {
        closed = true;
    }
}
