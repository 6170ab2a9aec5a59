package io.tributary.gateway.kafka;

/**
 * The lifecycle phase of the gateway's Kafka readers: below the web server's (which starts at
 * {@code Integer.MAX_VALUE - 2048}), so the tail has its positions and the view is reading before the
 * first request arrives, and the readers stop only after the server has closed its streams.
 */
final class ReaderPhase {

    static final int PHASE = Integer.MAX_VALUE - 4096;

    private ReaderPhase() {
    }
}
