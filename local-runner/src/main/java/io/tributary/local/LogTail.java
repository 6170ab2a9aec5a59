package io.tributary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/** The last lines of a log file, to show why a process failed without sending the user to find its log. */
final class LogTail {

    private LogTail() {
    }

    static String of(Path logFile, int lines) {
        if (!Files.isReadable(logFile)) {
            return "(no log at " + logFile + ")";
        }
        Deque<String> tail = new ArrayDeque<>(lines);
        // Decoding replaces malformed bytes instead of failing: a child may die in the middle of a character.
        try (Stream<String> all = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines()) {
            all.forEach(line -> {
                if (tail.size() == lines) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + logFile, e);
        }
        return String.join(System.lineSeparator(), tail);
    }
}
