/** The replay workload: finished jobs served again at their recorded pace, each message timed against its record. */
@NullMarked
package io.tributary.bench.replay;

import org.jspecify.annotations.NullMarked;
