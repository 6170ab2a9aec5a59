@NullMarked
package io.tributary.ingest.control;

import org.jspecify.annotations.NullMarked;
