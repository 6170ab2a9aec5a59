/** Commands to running jobs from {@code jobs.control}: abort (from the gateway) and timeout (the processor's backstop). */
@NullMarked
package io.tributary.ingest.control;

import org.jspecify.annotations.NullMarked;
