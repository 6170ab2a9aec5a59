package io.tributary.bench.stack;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Where a workload starts jobs and watches them, and how its users get tokens. */
public interface BenchStack extends AutoCloseable {

    /** The ingest service, e.g. {@code http://localhost:8081}. */
    String ingestUrl();

    /** The gateway, e.g. {@code http://localhost:8080}. */
    String gatewayUrl();

    /** The processor, for its metrics, or null when a running stack's was not given. */
    @Nullable
    String processorUrl();

    /** The broker's bootstrap servers, for workloads that read topics, or null when not given. */
    @Nullable
    String bootstrapServers();

    /**
     * The processes this stack started, by name ({@code broker}, {@code ingest-service}, ...), so that a
     * workload can say how much CPU each used; empty for a running stack, whose processes are not ours.
     */
    default Map<String, Long> processIds() {
        return Map.of();
    }

    /** A bearer token the services accept for this user. */
    String token(String user);

    /** Stops what this stack started; nothing for a running stack. */
    @Override
    void close();
}
