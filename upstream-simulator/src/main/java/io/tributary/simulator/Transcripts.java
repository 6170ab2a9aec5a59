package io.tributary.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Recorded upstream streams the simulator replays byte for byte: each {@code NAME.sse} file of a folder
 * answers a streamed request for the model {@code transcript/NAME}, so that a whole stack can be run on a
 * provider's real transcript (its comments, CRLFs and usage chunk as they were).
 */
public final class Transcripts {

    /** The model name prefix that asks for a transcript. */
    public static final String MODEL_PREFIX = "transcript/";

    private static final Transcripts NONE = new Transcripts(Map.of());

    private final Map<String, byte[]> byName;

    private Transcripts(Map<String, byte[]> byName) {
        this.byName = byName;
    }

    public static Transcripts none() {
        return NONE;
    }

    /** Every {@code .sse} file of the folder, by its name without the extension. */
    public static Transcripts from(Path folder) {
        Map<String, byte[]> byName = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".sse")).toList()) {
                String name = file.getFileName().toString();
                byName.put(name.substring(0, name.length() - ".sse".length()), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the transcripts of " + folder, e);
        }
        return new Transcripts(Map.copyOf(byName));
    }

    static boolean asksForOne(String model) {
        return model.startsWith(MODEL_PREFIX);
    }

    /** The transcript a model names, or null when there is none of that name. */
    @Nullable byte[] find(String model) {
        return asksForOne(model) ? byName.get(model.substring(MODEL_PREFIX.length())) : null;
    }
}
