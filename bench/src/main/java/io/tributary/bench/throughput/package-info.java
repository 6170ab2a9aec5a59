/**
 * The throughput workload: the highest rate of deltas the whole pipeline carries with bounded lag, found by
 * offering fixed rates in steps and judging each step (viewers keep up, latency does not grow, the pipeline
 * drains); with each service's lag sampled and CPU counted, so that the bound can be named.
 */
@NullMarked
package io.tributary.bench.throughput;

import org.jspecify.annotations.NullMarked;
