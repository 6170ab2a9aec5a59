package io.tributary.gateway.support;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up of a test class that writes jobs' events to the shared broker ({@link #log}) and asks one
 * running gateway about them over HTTP ({@link #client}).
 */
public abstract class GatewayWithJobLog {

    protected static JobLog log;
    protected static RunningGateway gateway;
    protected static SseClient client;

    @BeforeAll
    static void startGateway() {
        log = new JobLog(SharedBroker.bootstrapServers());
        gateway = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of());
        client = new SseClient(gateway.port());
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        log.close();
    }
}
