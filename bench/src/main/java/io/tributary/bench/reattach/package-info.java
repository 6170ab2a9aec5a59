/** The reattach workload: a storm of viewers resuming with {@code Last-Event-ID} on live and finished jobs. */
@NullMarked
package io.tributary.bench.reattach;

import org.jspecify.annotations.NullMarked;
