package io.tributary.simulator;

/** Server-sent-event framing of the simulator's output; every frame ends with the blank line that ends an event. */
final class SseFrames {

    /** The keep-alive comment OpenRouter sends while the provider prepares the reply. */
    static final String PROCESSING = comment("OPENROUTER PROCESSING");
    static final String DONE = data("[DONE]");

    private SseFrames() {
    }

    static String comment(String text) {
        return ": " + text + "\n\n";
    }

    /** One {@code data:} line; callers pass single-line JSON, so no line break can split the event. */
    static String data(String payload) {
        return "data: " + payload + "\n\n";
    }
}
