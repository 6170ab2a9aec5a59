/** Writing job events to Kafka. */
@NullMarked
package io.tributary.ingest.publish;

import org.jspecify.annotations.NullMarked;
