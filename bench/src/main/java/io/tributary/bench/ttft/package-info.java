/** The time-to-first-token workload: a fresh viewer attached right after each job's start. */
@NullMarked
package io.tributary.bench.ttft;

import org.jspecify.annotations.NullMarked;
