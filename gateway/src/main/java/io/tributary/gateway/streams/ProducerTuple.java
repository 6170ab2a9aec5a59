package io.tributary.gateway.streams;

/** An idempotent producer's request: {@code Producer-Id}, {@code Producer-Epoch}, {@code Producer-Seq}. */
record ProducerTuple(String id, long epoch, long seq) {
}
