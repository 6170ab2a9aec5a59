package io.tributary.ingest.sse;

import java.util.ArrayList;
import java.util.List;

/** Writes down what a parser reports, as readable lines, in order. */
final class RecordingListener implements SseListener {

    final List<String> items = new ArrayList<>();
    final List<SseEvent> events = new ArrayList<>();

    @Override
    public void onEvent(SseEvent event) {
        events.add(event);
        items.add("event " + event.type() + " id=" + event.lastEventId() + " data=" + event.data());
    }

    @Override
    public void onComment(String comment) {
        items.add("comment " + comment);
    }

    @Override
    public void onRetry(long millis) {
        items.add("retry " + millis);
    }

    @Override
    public void onOversized(SseOversize what, long bytes) {
        items.add("oversized " + what);
    }
}
