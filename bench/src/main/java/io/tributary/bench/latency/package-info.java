/** The latency workload: time from the simulator writing a chunk to a viewer reading it, per delta. */
@NullMarked
package io.tributary.bench.latency;

import org.jspecify.annotations.NullMarked;
