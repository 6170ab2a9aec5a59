/** The stack a benchmark runs against: the embedded one it starts, or a running one it is pointed at. */
@NullMarked
package io.tributary.bench.stack;

import org.jspecify.annotations.NullMarked;
