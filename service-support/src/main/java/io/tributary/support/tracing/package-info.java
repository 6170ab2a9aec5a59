/** W3C trace context as it travels in Kafka records from one service to the next. */
@NullMarked
package io.tributary.support.tracing;

import org.jspecify.annotations.NullMarked;
