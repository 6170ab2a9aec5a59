/** Running jobs: their single writer, their lifecycle, the registry of what runs on this instance. */
@NullMarked
package io.tributary.ingest.job;

import org.jspecify.annotations.NullMarked;
