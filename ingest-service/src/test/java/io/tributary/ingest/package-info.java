@NullMarked
package io.tributary.ingest;

import org.jspecify.annotations.NullMarked;
