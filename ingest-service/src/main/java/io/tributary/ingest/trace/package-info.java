/** Each job's trace: a span from its start to its end, whose context every event of the job carries. */
@NullMarked
package io.tributary.ingest.trace;

import org.jspecify.annotations.NullMarked;
