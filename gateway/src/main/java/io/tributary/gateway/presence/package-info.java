/**
 * Viewer presence: every SSE stream of a job announces itself on {@code jobs.viewers} (JOINED),
 * renews a lease while it is open (RENEWED) and says goodbye when it closes (LEFT), so that the stream
 * processor knows whether anybody, on any gateway, watched a job to its end. A gateway that dies
 * without goodbye stops counting when its leases expire.
 */
@NullMarked
package io.tributary.gateway.presence;

import org.jspecify.annotations.NullMarked;
