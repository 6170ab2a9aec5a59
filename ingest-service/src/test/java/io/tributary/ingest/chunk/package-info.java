@NullMarked
package io.tributary.ingest.chunk;

import org.jspecify.annotations.NullMarked;
