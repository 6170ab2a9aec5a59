package io.tributary.gateway.streams;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON mode's messages: a body that is an array is flattened one level, each element one message;
 * anything else is one message. Messages are kept compact and joined by commas, so that a read is
 * {@code [} + the records' data joined by commas + {@code ]}.
 */
final class JsonMessages {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonMessages() {
    }

    /**
     * The messages of a body.
     *
     * @param emptyArrayAllowed whether {@code []} is zero messages (a PUT's initial body) or refused (a POST)
     * @throws IllegalArgumentException if the body is not JSON, or an empty array where none is allowed
     */
    static Messages parse(byte[] body, boolean emptyArrayAllowed) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The body is not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("The body is not valid JSON");
        }
        if (!root.isArray()) {
            return new Messages(MAPPER.writeValueAsBytes(root), 1);
        }
        if (root.isEmpty() && !emptyArrayAllowed) {
            throw new IllegalArgumentException("An empty JSON array appends nothing");
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < root.size(); i++) {
            if (i > 0) {
                joined.write(',');
            }
            joined.writeBytes(MAPPER.writeValueAsBytes(root.get(i)));
        }
        return new Messages(joined.toByteArray(), root.size());
    }

    /** The first {@code count} messages of a record's data. */
    static byte[] firstOf(byte[] data, int count) {
        JsonNode all = MAPPER.readTree(array(data));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                joined.write(',');
            }
            joined.writeBytes(MAPPER.writeValueAsBytes(all.get(i)));
        }
        return joined.toByteArray();
    }

    private static byte[] array(byte[] data) {
        byte[] array = new byte[data.length + 2];
        array[0] = '[';
        System.arraycopy(data, 0, array, 1, data.length);
        array[array.length - 1] = ']';
        return array;
    }

    /** {@code []} or {@code [m1,m2,...]}: the JSON array of the messages in the given records' data. */
    static byte[] arrayOf(Iterable<byte[]> datas) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        boolean first = true;
        for (byte[] data : datas) {
            if (data.length == 0) {
                continue;
            }
            if (!first) {
                out.write(',');
            }
            out.writeBytes(data);
            first = false;
        }
        out.write(']');
        return out.toByteArray();
    }

    /** The messages of one body: compact, joined by commas, and how many. */
    record Messages(byte[] data, int count) {

        @Override
        public String toString() {
            return count + " messages: " + new String(data, StandardCharsets.UTF_8);
        }
    }
}
