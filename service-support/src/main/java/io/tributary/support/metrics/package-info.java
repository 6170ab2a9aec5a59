/** Meters the services share the shape of. */
@NullMarked
package io.tributary.support.metrics;

import org.jspecify.annotations.NullMarked;
