package io.tributary.gateway.support;

import io.tributary.schema.topic.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One in-process KRaft broker for all integration tests of the module (they run in one JVM): starting a
 * broker costs more than all the tests that use it. Tests use fresh job ids, so they never see each
 * other's jobs; the broker stops with the JVM.
 */
public final class SharedBroker {

    private static EmbeddedKafkaKraftBroker broker;

    private SharedBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 6, Topics.JOB_DELTAS.name(),
                    Topics.JOB_STATE.name(), Topics.JOB_CONTROL.name());
            started.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "shared-broker-shutdown"));
            broker = started;
        }
        return broker.getBrokersAsString();
    }
}
