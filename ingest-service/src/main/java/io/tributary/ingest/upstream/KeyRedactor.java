package io.tributary.ingest.upstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Replaces the upstream keys of one request (the server's and the caller's) with
 * {@value #REDACTED} in whatever the upstream sends back: an upstream that echoes a key ("Invalid
 * key sk-or-…") must not hand it to the caller, to the job's readers or to the logs.
 *
 * <p>It finds the keys as they are written, which is how an upstream echoes them (a key is ASCII, so
 * JSON and UTF-8 leave it unchanged). An upstream that encodes a key on purpose can always leak
 * what it was given; that is not a threat a proxy can remove.
 *
 * <p>Immutable and thread-safe; {@link #stream()} makes the stateful part for one body.
 */
public final class KeyRedactor {

    /** What stands in for a key. */
    public static final String REDACTED = "[redacted]";
    private static final byte[] REDACTED_BYTES = REDACTED.getBytes(StandardCharsets.UTF_8);
    private static final KeyRedactor NONE = new KeyRedactor(List.of());

    /** Longest first, so that of two keys where one starts the other, the whole longer one goes. */
    private final List<String> keys;
    private final List<byte[]> keyBytes;

    private KeyRedactor(List<String> keys) {
        this.keys = keys;
        this.keyBytes = keys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** A redactor of the given keys; null or blank ones are left out, the others stripped as they are sent. */
    public static KeyRedactor of(@Nullable String... keys) {
        List<String> present = Stream.of(keys)
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(key -> !key.isEmpty())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        return present.isEmpty() ? NONE : new KeyRedactor(present);
    }

    /** Whether there is no key to redact, so that text passes unchanged. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The text with every occurrence of a key replaced. */
    public String redact(String text) {
        String redacted = text;
        for (String key : keys) {
            redacted = redacted.replace(key, REDACTED);
        }
        return redacted;
    }

    /** The redaction of one byte stream, cut anywhere, a key included. */
    public ByteStream stream() {
        return new ByteStream();
    }

    /**
     * Redacts a body as its pieces arrive. A piece that ends with the beginning of a key keeps that
     * part back until the next piece says whether the key follows; nothing else is held, so an
     * event ending with its blank line (which no key contains) passes at once.
     *
     * <p>Not thread-safe: one per body, fed in order.
     */
    public final class ByteStream {

        private byte[] held = new byte[0];

        /** The redacted bytes that may go on now. */
        public byte[] next(byte[] piece) {
            if (keys.isEmpty()) {
                return piece;
            }
            byte[] bytes = held.length == 0 ? piece : concat(held, piece);
            held = new byte[0];
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
            int copied = 0;
            for (int i = 0; i < bytes.length; i++) {
                int matched = keyAt(bytes, i);
                if (matched > 0) {
                    out.write(bytes, copied, i - copied);
                    out.write(REDACTED_BYTES, 0, REDACTED_BYTES.length);
                    i += matched - 1;
                    copied = i + 1;
                } else if (keyMayStartAt(bytes, i)) {
                    held = Arrays.copyOfRange(bytes, i, bytes.length);
                    out.write(bytes, copied, i - copied);
                    return out.toByteArray();
                }
            }
            out.write(bytes, copied, bytes.length - copied);
            return out.toByteArray();
        }

        /** The body ended: what was held back is not a key after all. */
        public byte[] end() {
            byte[] rest = held;
            held = new byte[0];
            return rest;
        }

        /** The length of the key that starts at {@code at}, or 0. */
        private int keyAt(byte[] bytes, int at) {
            for (byte[] key : keyBytes) {
                if (bytes[at] == key[0] && bytes.length - at >= key.length && Arrays.equals(bytes, at, at + key.length, key, 0, key.length)) {
                    return key.length;
                }
            }
            return 0;
        }

        /** Whether the bytes from {@code at} to the end are the beginning of a key, cut short by the end of the piece. */
        private boolean keyMayStartAt(byte[] bytes, int at) {
            int rest = bytes.length - at;
            for (byte[] key : keyBytes) {
                if (rest < key.length && bytes[at] == key[0] && Arrays.equals(bytes, at, bytes.length, key, 0, rest)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
