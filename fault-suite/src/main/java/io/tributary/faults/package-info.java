/**
 * The fault suite: the local runner's three-broker, two-of-each stack under a load of jobs and SSE
 * viewers, one fault at a time (brokers and services killed or frozen, everything restarted), with every
 * delta, viewer, terminal event and notification checked and the recovery timed.
 */
@NullMarked
package io.tributary.faults;

import org.jspecify.annotations.NullMarked;
