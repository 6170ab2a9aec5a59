/**
 * Benchmarks of the whole pipeline: {@link io.tributary.bench.Bench} starts the embedded stack (or targets
 * a running one), runs a workload with the upstream simulator in its own JVM, prints the figures and writes
 * them as JSON. Figures are printed, never asserted; correctness (content, dense ids) is checked and fails
 * the run.
 */
@NullMarked
package io.tributary.bench;

import org.jspecify.annotations.NullMarked;
