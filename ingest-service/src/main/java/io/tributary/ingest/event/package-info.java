/** Job events before the job's writer gives them their place in the sequence. */
@NullMarked
package io.tributary.ingest.event;

import org.jspecify.annotations.NullMarked;
