/**
 * Durable Streams (the open HTTP protocol for resumable, offset-addressed streams) served from Kafka at
 * {@code /v1/stream/{path}}: every request on a stream is written to {@code streams.log} keyed by the
 * stream's path, every gateway applies that log in order with the same rules ({@link
 * io.tributary.gateway.streams.StreamRegistry}), and the gateway that wrote a request answers with the
 * verdict its own copy reached. Tributary's jobs are readable there too, as read-only JSON streams.
 */
@NullMarked
package io.tributary.gateway.streams;

import org.jspecify.annotations.NullMarked;
