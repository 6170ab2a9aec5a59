/**
 * Settings, meters and the wiring of the gateway's read side.
 */
@NullMarked
package io.tributary.gateway.config;

import org.jspecify.annotations.NullMarked;
