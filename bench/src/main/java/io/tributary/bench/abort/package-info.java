/** The abort workload: from {@code POST /abort} to the upstream connection closed and the {@code aborted} event on the log. */
@NullMarked
package io.tributary.bench.abort;

import org.jspecify.annotations.NullMarked;
