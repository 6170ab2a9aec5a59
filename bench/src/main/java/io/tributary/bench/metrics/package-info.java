/** The services' own figures, read from their {@code /actuator/prometheus} endpoints. */
@NullMarked
package io.tributary.bench.metrics;

import org.jspecify.annotations.NullMarked;
