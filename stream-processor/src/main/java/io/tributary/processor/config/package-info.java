/** Spring wiring of the Kafka Streams client and the processor's settings. */
@NullMarked
package io.tributary.processor.config;

import org.jspecify.annotations.NullMarked;
