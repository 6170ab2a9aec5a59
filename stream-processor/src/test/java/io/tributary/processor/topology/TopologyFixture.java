package io.tributary.processor.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.processor.function.FoldMetrics;
import io.tributary.processor.notify.NotificationMetrics;
import io.tributary.processor.notify.PresenceSettings;
import io.tributary.processor.sweep.LogProgress;
import io.tributary.processor.sweep.SweepMetrics;
import io.tributary.processor.sweep.SweepSettings;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/** The production topology, built the way Spring Kafka builds it (builder with a TopologyConfig). */
final class TopologyFixture {

    private TopologyFixture() {
    }

    static Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "tributary-processor");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // No record cache: every update reaches the output at once, so each event's effect is visible.
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.put(StreamsConfig.STATE_DIR_CONFIG, temporaryStateDir());
        return config;
    }

    private static String temporaryStateDir() {
        try {
            return Files.createTempDirectory("tributary-processor-ttd").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The production defaults of {@code tributary.processor.*}. */
    static final SweepSettings SETTINGS = new SweepSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1));

    /**
     * Every change published at once, so that each event's effect on {@code jobs.state} is visible; the
     * production interval has tests of its own ({@code JobPublicationTopologyTest}).
     */
    static final Duration PUBLISH_EVERY_CHANGE = Duration.ZERO;

    /** The production defaults of {@code tributary.processor.presence-*}. */
    static final PresenceSettings PRESENCE = new PresenceSettings(Duration.ofMinutes(10), Duration.ofMinutes(1));

    static Topology jobStateTopology() {
        return jobStateTopology(config(), new SimpleMeterRegistry());
    }

    static Topology jobStateTopology(Properties config, MeterRegistry registry) {
        return jobStateTopology(config, registry, PUBLISH_EVERY_CHANGE);
    }

    static Topology jobStateTopology(Properties config, MeterRegistry registry, Duration publishInterval) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        JobStateTopology.define(builder, publishInterval, SETTINGS, new SweepMetrics(registry), LogProgress.CAUGHT_UP, PRESENCE, new NotificationMetrics(registry),
                new FoldMetrics(registry));
        return builder.build(config);
    }
}
