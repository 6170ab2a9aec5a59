/** Workload 5: bytes written to {@code jobs.state} and the fold's changelog per byte of delta. */
@NullMarked
package io.tributary.bench.state;

import org.jspecify.annotations.NullMarked;
