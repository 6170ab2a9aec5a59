package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The output of every service process of the stack ({@code target/system-tests/*.log}), searched for
 * what must never be written there: secrets, tokens, query strings that carry them.
 */
final class ServiceLogs {

    private final Path dir;

    ServiceLogs(TributaryStack stack) {
        this.dir = stack.logDir();
    }

    /**
     * Fails when any log holds {@code secret}; names each file and line. Also fails when the logs of
     * the ingest and the gateway are not there, so that the search can never pass for want of text.
     */
    void assertNowhere(String secret) {
        List<Path> logs = files();
        assertThat(logs).as("service logs in %s", dir)
                .anySatisfy(log -> assertThat(log.getFileName().toString()).isEqualTo("ingest-service.log"))
                .anySatisfy(log -> assertThat(log.getFileName().toString()).isEqualTo("gateway.log"));
        List<String> found = new ArrayList<>();
        for (Path log : logs) {
            found.addAll(occurrences(log, secret));
        }
        assertThat(found).as("lines of the service logs that hold a secret").isEmpty();
    }

    private List<Path> files() {
        try (var paths = Files.list(dir)) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ISO-8859-1 reads any bytes; the secrets searched for are ASCII, so they match all the same. */
    private static List<String> occurrences(Path log, String secret) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            List<String> found = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(secret)) {
                    // Masked: the report of a leak must not spread the secret further.
                    found.add(log.getFileName() + ":" + (i + 1) + ": " + lines.get(i).replace(secret, "<secret>"));
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
