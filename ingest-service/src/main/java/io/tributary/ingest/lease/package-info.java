/**
 * The instance's liveness lease on {@code ingest.leases}: renewed while the instance runs, given up
 * (STOPPED) on an orderly shutdown, and the self-fencing that stops the instance writing before a
 * lease it could not renew expires.
 */
@NullMarked
package io.tributary.ingest.lease;

import org.jspecify.annotations.NullMarked;
