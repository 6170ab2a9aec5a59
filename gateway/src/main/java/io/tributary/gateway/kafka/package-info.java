/**
 * The gateway's Kafka clients: the job-state view, the one live tail, the pool of catch-up readers,
 * the health they report, and the producer of commands to {@code jobs.control}.
 */
@NullMarked
package io.tributary.gateway.kafka;

import org.jspecify.annotations.NullMarked;
