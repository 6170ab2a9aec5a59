@NullMarked
package io.tributary.ingest.limit;

import org.jspecify.annotations.NullMarked;
