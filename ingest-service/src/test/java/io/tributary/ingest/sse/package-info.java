@NullMarked
package io.tributary.ingest.sse;

import org.jspecify.annotations.NullMarked;
