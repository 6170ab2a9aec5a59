/** Supervision of the running Kafka Streams client: uncaught-exception policy and health. */
@NullMarked
package io.tributary.processor.streams;

import org.jspecify.annotations.NullMarked;
