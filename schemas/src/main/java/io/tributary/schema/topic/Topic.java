package io.tributary.schema.topic;

import org.apache.kafka.common.serialization.Serde;

/** A topic's name paired with the serdes of its keys and values, so that no code relies on default serdes. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
}
