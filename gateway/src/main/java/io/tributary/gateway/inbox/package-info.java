/**
 * Users' notification inboxes as every gateway rebuilds them from {@code notifications} (written by
 * the processor, keyed by user) and {@code notifications.marks} (what users did: read, all read,
 * cleared), and the live feed of each user's new notifications. Pure: the Kafka side hands records in.
 */
@NullMarked
package io.tributary.gateway.inbox;

import org.jspecify.annotations.NullMarked;
