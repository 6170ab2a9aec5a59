@NullMarked
package io.tributary.ingest.testing;

import org.jspecify.annotations.NullMarked;
