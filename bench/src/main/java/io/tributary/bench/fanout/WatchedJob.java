package io.tributary.bench.fanout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.bench.WriteTimes;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One job of a fan-out run as its viewers check it: what the upstream sends, where each chunk ends in
 * the content, and the job's messages decoded once. The gateway renders each message once and sends the
 * same bytes to every viewer of the job, so a viewer whose message is character for character the one
 * decoded already takes that decoding instead of parsing the JSON again: a thousand viewers of a job cost
 * one parse per message, and the bench's CPU goes to reading sockets, as a browser's would.
 */
final class WatchedJob {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String prompt;
    private final String jobId;
    private final String token;
    private final String expectedContent;
    private final int[] chunkEnds;
    private final WriteTimes writeTimes;
    /** Non-snapshot messages by id; a snapshot shares its id with a delta, and is its viewer's own. */
    private final Map<Long, Decoded> byId = new ConcurrentHashMap<>();

    /**
     * One message's fields that the checks read.
     *
     * @param data the message's {@code data:} as received
     * @param event {@code snapshot}, {@code delta} or {@code status}; empty when the data is not JSON
     * @param status the job's status in the message
     * @param content the whole content (snapshot, status), or null
     * @param contentDelta the content added (delta), empty when none
     * @param contentLength the content's length after the delta, or -1 when the message has none
     * @param error the job's error, for a message saying why a job failed
     */
    record Decoded(String data, String event, String status, @Nullable String content, String contentDelta,
            int contentLength, String error) {
    }

    WatchedJob(String prompt, String jobId, String token, List<String> deltas, WriteTimes writeTimes) {
        this.prompt = prompt;
        this.jobId = jobId;
        this.token = token;
        this.expectedContent = String.join("", deltas);
        this.chunkEnds = new int[deltas.size()];
        int end = 0;
        for (int i = 0; i < deltas.size(); i++) {
            end += deltas.get(i).length();
            chunkEnds[i] = end;
        }
        this.writeTimes = writeTimes;
    }

    /** The message decoded: taken from the first viewer that decoded the same data under this id. */
    Decoded decode(long id, String data) {
        Decoded known = byId.get(id);
        if (known != null && known.data().equals(data)) {
            return known;
        }
        Decoded decoded = parse(data);
        if (!decoded.event().equals("snapshot")) {
            byId.putIfAbsent(id, decoded);
        }
        return decoded;
    }

    private static Decoded parse(String data) {
        JsonNode message;
        try {
            message = JSON.readTree(data);
        } catch (JacksonException e) {
            return new Decoded(data, "", "", null, "", -1, "not JSON: " + e.getOriginalMessage());
        }
        JsonNode status = message.path("status");
        JsonNode content = status.path("content");
        JsonNode length = status.path("content_length");
        return new Decoded(data, message.path("event").asString(""), status.path("status").asString(""),
                content.isString() ? content.asString() : null, status.path("content_delta").asString(""),
                length.isNumber() ? length.asInt() : -1, status.path("error").toString());
    }

    String prompt() {
        return prompt;
    }

    String jobId() {
        return jobId;
    }

    String token() {
        return token;
    }

    String expectedContent() {
        return expectedContent;
    }

    int chunks() {
        return chunkEnds.length;
    }

    /** Where chunk {@code index} ends in the content. */
    int chunkEnd(int index) {
        return chunkEnds[index];
    }

    /** When the simulator wrote chunk {@code index}, or {@link WriteTimes#NOT_WRITTEN}. */
    long writtenAt(int index) {
        return writeTimes.writtenAt(prompt, index);
    }
}
