package io.tributary.ingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's upstream transcripts ({@code shared/fixtures/openrouter}): each {@code NAME.sse} is
 * an exact upstream body and {@code NAME.expected.json} what the job must hold after it.
 */
public final class Fixtures {

    /** Set by the pom; the fallback is the same path seen from the module folder. */
    private static final String DIR_PROPERTY = "tributary.fixtures.dir";

    private Fixtures() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, "../../shared/fixtures/openrouter"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("No fixtures folder at " + dir.toAbsolutePath());
        }
        return dir;
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
