/**
 * The embedded default: a real KRaft broker from the {@code kafka_2.13} jars, the upstream simulator and
 * the three services, started by {@link io.tributary.local.LocalStack}. {@link io.tributary.local.ServiceProcess},
 * {@link io.tributary.local.LocalBroker} and {@link io.tributary.local.DevTokens} are reused by the system tests.
 */
@NullMarked
package io.tributary.local;

import org.jspecify.annotations.NullMarked;
