@NullMarked
package io.tributary.ingest.lease;

import org.jspecify.annotations.NullMarked;
