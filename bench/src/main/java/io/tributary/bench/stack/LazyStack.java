package io.tributary.bench.stack;

import java.util.Map;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * A stack started when a workload first uses it, so that a workload which also measures another server
 * (the Durable Streams reference server) can measure that one first, on a machine without the broker and
 * the services on it; one that never uses the stack never waits for it. Closing stops it only if it was
 * started.
 */
public final class LazyStack implements BenchStack {

    private final Callable<BenchStack> start;
    // Read on every call a workload makes, from many threads: only the first start takes the lock.
    private volatile @Nullable BenchStack started;
    private boolean closed;

    /** @param start starts the stack and returns once it is ready */
    public LazyStack(Callable<BenchStack> start) {
        this.start = start;
    }

    /** The stack, started now if it was not yet. */
    public BenchStack started() {
        BenchStack stack = started;
        return stack != null ? stack : start();
    }

    private synchronized BenchStack start() {
        if (closed) {
            throw new IllegalStateException("The stack was closed");
        }
        BenchStack stack = started;
        if (stack == null) {
            try {
                stack = start.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("The stack did not start: " + e.getMessage(), e);
            }
            started = stack;
        }
        return stack;
    }

    @Override
    public String ingestUrl() {
        return started().ingestUrl();
    }

    @Override
    public String gatewayUrl() {
        return started().gatewayUrl();
    }

    @Override
    public @Nullable String processorUrl() {
        return started().processorUrl();
    }

    @Override
    public @Nullable String bootstrapServers() {
        return started().bootstrapServers();
    }

    @Override
    public Map<String, Long> processIds() {
        return started().processIds();
    }

    @Override
    public String token(String user) {
        return started().token(user);
    }

    @Override
    public synchronized void close() {
        closed = true;
        BenchStack stack = started;
        if (stack != null) {
            stack.close();
        }
    }
}
