/**
 * The gateway's Kafka readers: the job-state view, the one live tail, the pool of catch-up readers,
 * and the health they report.
 */
@NullMarked
package io.tributary.gateway.kafka;

import org.jspecify.annotations.NullMarked;
