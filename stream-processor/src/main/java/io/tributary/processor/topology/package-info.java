/** Kafka Streams pipelines, one class per pipeline, free of Spring: each defines itself on a StreamsBuilder. */
@NullMarked
package io.tributary.processor.topology;

import org.jspecify.annotations.NullMarked;
