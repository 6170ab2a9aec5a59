package io.tributary.ingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's upstream transcripts, test resources under {@code fixtures/openrouter}: each
 * {@code NAME.sse} is an exact upstream body and {@code NAME.expected.json} what the job must hold
 * after it. They are read from the test classpath, which Maven keeps as a folder, so they can be listed.
 */
public final class Fixtures {

    private static final String FOLDER = "/fixtures/openrouter";

    private Fixtures() {
    }

    public static Path dir() {
        URL folder = Fixtures.class.getResource(FOLDER);
        if (folder == null) {
            throw new IllegalStateException("No " + FOLDER + " folder on the test classpath");
        }
        try {
            return Path.of(folder.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unreadable location of " + FOLDER + ": " + folder, e);
        }
    }

    /** Every transcript's name (the file name without {@code .sse}), sorted. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(dir())) {
            List<String> names = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".sse"))
                    .map(name -> name.substring(0, name.length() - ".sse".length()))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("No *.sse transcript in " + dir().toAbsolutePath());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] transcript(String name) {
        return read(name + ".sse");
    }

    public static byte[] expected(String name) {
        return read(name + ".expected.json");
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
