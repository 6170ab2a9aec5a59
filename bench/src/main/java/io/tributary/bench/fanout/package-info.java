/**
 * The fan-out workload: many concurrent SSE viewers of a few jobs on one gateway, their write → view
 * latency, the gateway's heap, threads and Kafka consumers while it serves them.
 */
@NullMarked
package io.tributary.bench.fanout;

import org.jspecify.annotations.NullMarked;
