package io.tributary.processor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The processor as it runs, for the test classes that need it whole: the Spring application with real
 * Kafka Streams under exactly-once, on an in-process KRaft broker, with the topics declared by
 * service-support and short sweeper timings (an orphan ends about 1 s after its owner's lease expired).
 * One definition, so that every class that uses it shares one application context and one broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tributary.topics.partitions=" + RunningProcessor.PARTITIONS,
        "tributary.topics.replication-factor=1",
        "spring.kafka.streams.replication-factor=1",
        "spring.kafka.streams.state-dir=target/processor-it-state/${random.uuid}",
        "tributary.processor.sweep-interval=200ms",
        "tributary.processor.orphan-grace=1s",
        "tributary.processor.lease-duration=2s"})
@EmbeddedKafka(count = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers", brokerProperties = {
        // Exactly-once on a single broker: the transaction state log cannot have 3 replicas here.
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1"})
public @interface RunningProcessor {

    /** The partitions of every jobId-keyed topic. */
    int PARTITIONS = 3;
}
