/**
 * The Durable Streams workload: append → delivery latency of {@code /v1/stream/} on Tributary's gateway and
 * on the protocol's reference server, with the same client, one after the other.
 */
@NullMarked
package io.tributary.bench.streams;

import org.jspecify.annotations.NullMarked;
