package io.tributary.processor.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the processor does when a Kafka Streams thread dies of an uncaught exception: it replaces the
 * thread, unless failures come too often, in which case it shuts the client down (health DOWN) so
 * that the orchestrator restarts the process instead of it looping on the same failure.
 *
 * @param shutdownAfter the failure, counted within {@code window}, that shuts the client down; the
 *     ones before it replace the thread. Default 3
 *     ({@code TRIBUTARY_PROCESSOR_THREAD_FAILURES_SHUTDOWN_AFTER})
 * @param window how far back failures count. Default 10 minutes
 *     ({@code TRIBUTARY_PROCESSOR_THREAD_FAILURES_WINDOW})
 */
@ConfigurationProperties("tributary.processor.thread-failures")
public record StreamThreadFailureProperties(
        @DefaultValue("3") int shutdownAfter,
        @DefaultValue("10m") Duration window) {
}
