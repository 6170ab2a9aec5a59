package io.tributary.ingest.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tributary.ingest.IngestApplication;
import io.tributary.ingest.lease.KafkaLeaseWriter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * One more ingest instance, started in the test's JVM as a real application (its own port, its own
 * lease, its own producers) against the test's broker and upstream, and closed as an orderly
 * shutdown closes it. Its lease writer can be cut off from the broker ({@link FailableLeaseWriter}).
 */
public final class StandaloneIngest implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private StandaloneIngest(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param settings more application properties (lease timings, ...)
     */
    public static StandaloneIngest start(String instanceId, String bootstrapServers, String upstreamBaseUrl,
            Map<String, String> settings) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "spring.main.banner-mode=off",
                "spring.kafka.bootstrap-servers=" + bootstrapServers,
                "spring.kafka.client-id=" + instanceId,
                "spring.kafka.producer.client-id=" + instanceId,
                "tributary.security.jwt-secret=" + TestTokens.SECRET,
                "tributary.topics.replication-factor=1",
                "tributary.topics.partitions=3",
                "tributary.upstream.base-url=" + upstreamBaseUrl,
                "tributary.ingest.instance-id=" + instanceId));
        settings.forEach((key, value) -> properties.add(key + "=" + value));
        // As command-line arguments: they override application.yml, as an operator's settings would.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApplication.class, LeaseHook.class)
                .run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
        return new StandaloneIngest(context);
    }

    public String baseUrl() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    public FailableLeaseWriter leaseWriter() {
        return context.getBean(FailableLeaseWriter.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    /** Puts the failable lease writer in place of the real one; not a scanned configuration, so only where asked. */
    static class LeaseHook {

        @Bean
        @Primary
        FailableLeaseWriter failableLeaseWriter(KafkaLeaseWriter leaseWriter) {
            return new FailableLeaseWriter(leaseWriter);
        }
    }
}
