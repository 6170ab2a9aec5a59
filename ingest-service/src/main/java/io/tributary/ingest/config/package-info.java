/** Settings and the Spring wiring of the service. */
@NullMarked
package io.tributary.ingest.config;

import org.jspecify.annotations.NullMarked;
