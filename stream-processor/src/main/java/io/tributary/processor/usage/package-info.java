/**
 * Usage analytics: finished jobs folded into UTC-aligned minute, hour and day windows per user and
 * model, published on {@code analytics.usage}. A Kafka Streams application of its own, run by the
 * processor service next to the job topology ({@link io.tributary.processor.usage.UsageTopology}).
 */
@NullMarked
package io.tributary.processor.usage;

import org.jspecify.annotations.NullMarked;
