package io.tributary.gateway.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.gateway.GatewayApplication;
import io.tributary.gateway.kafka.JobStateView;
import io.tributary.gateway.kafka.TopicReplica;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/** The gateway application on a random port against a test broker; can be stopped and started again. */
public final class RunningGateway implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningGateway(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts the gateway and waits until it has read {@code jobs.state} and every topic it replicates. */
    public static RunningGateway start(String bootstrapServers, Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        properties.put("tributary.security.jwt-secret", Tokens.SECRET);
        properties.put("tributary.topics.replication-factor", "1");
        properties.put("tributary.gateway.ping-interval", "200ms");
        properties.put("tributary.gateway.retry-hint", "500ms");
        properties.put("tributary.gateway.attach-wait", "1s");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(overrides);
        // As command-line arguments: they win over application.yml (builder properties are mere defaults).
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .initializers(RunningGateway::ownEventLoops)
                .run(arguments);
        RunningGateway gateway = new RunningGateway(context);
        Awaitility.await().until(() -> context.getBean(JobStateView.class).isReady()
                && context.getBeansOfType(TopicReplica.class).values().stream().allMatch(TopicReplica::isReady));
        return gateway;
    }

    /**
     * Gives the gateway event loops of its own. By default every Reactor Netty server of the JVM shares
     * the global loops and the first context to close disposes them, which would stop every other
     * gateway a test runs beside it (in production each gateway is a process of its own).
     */
    private static void ownEventLoops(ConfigurableApplicationContext context) {
        ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        });
    }

    public int port() {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public double counter(String name) {
        return bean(MeterRegistry.class).get(name).counter().count();
    }

    public double counter(String name, String tag, String value) {
        return bean(MeterRegistry.class).get(name).tag(tag, value).counter().count();
    }

    public double gauge(String name) {
        return bean(MeterRegistry.class).get(name).gauge().value();
    }

    @Override
    public void close() {
        context.close();
    }
}
