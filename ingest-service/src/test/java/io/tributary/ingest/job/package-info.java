@NullMarked
package io.tributary.ingest.job;

import org.jspecify.annotations.NullMarked;
