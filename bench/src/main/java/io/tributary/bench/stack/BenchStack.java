package io.tributary.bench.stack;

/** Where a workload starts jobs and watches them, and how its users get tokens. */
public interface BenchStack extends AutoCloseable {

    /** The ingest service, e.g. {@code http://localhost:8081}. */
    String ingestUrl();

    /** The gateway, e.g. {@code http://localhost:8080}. */
    String gatewayUrl();

    /** A bearer token the services accept for this user. */
    String token(String user);

    /** Stops what this stack started; nothing for a running stack. */
    @Override
    void close();
}
