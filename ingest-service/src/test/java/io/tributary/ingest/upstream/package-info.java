@NullMarked
package io.tributary.ingest.upstream;

import org.jspecify.annotations.NullMarked;
