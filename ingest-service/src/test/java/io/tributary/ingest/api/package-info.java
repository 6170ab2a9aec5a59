@NullMarked
package io.tributary.ingest.api;

import org.jspecify.annotations.NullMarked;
