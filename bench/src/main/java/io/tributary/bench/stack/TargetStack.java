package io.tributary.bench.stack;

import java.time.Clock;
import java.time.Duration;

import io.tributary.local.DevTokens;
import org.jspecify.annotations.Nullable;

/**
 * A running stack, e.g. {@code ./run-local.sh} started with {@code TRIBUTARY_UPSTREAM_BASE_URL} pointing
 * at the bench's simulator. The bench signs its users' tokens with the stack's HS256 secret.
 */
public final class TargetStack implements BenchStack {

    private static final Duration TOKEN_VALIDITY = Duration.ofHours(2);

    private final String ingestUrl;
    private final String gatewayUrl;
    private final @Nullable String processorUrl;
    private final @Nullable String bootstrapServers;
    private final DevTokens tokens;

    public TargetStack(String ingestUrl, String gatewayUrl, @Nullable String processorUrl,
            @Nullable String bootstrapServers, String jwtSecret) {
        this.ingestUrl = ingestUrl;
        this.gatewayUrl = gatewayUrl;
        this.processorUrl = processorUrl;
        this.bootstrapServers = bootstrapServers;
        this.tokens = new DevTokens(jwtSecret, Clock.systemUTC());
    }

    @Override
    public String ingestUrl() {
        return ingestUrl;
    }

    @Override
    public String gatewayUrl() {
        return gatewayUrl;
    }

    @Override
    public @Nullable String processorUrl() {
        return processorUrl;
    }

    @Override
    public @Nullable String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String token(String user) {
        return tokens.mint(user, TOKEN_VALIDITY);
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
