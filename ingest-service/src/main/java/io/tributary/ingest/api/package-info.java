/** The HTTP endpoint and its request checks. */
@NullMarked
package io.tributary.ingest.api;

import org.jspecify.annotations.NullMarked;
