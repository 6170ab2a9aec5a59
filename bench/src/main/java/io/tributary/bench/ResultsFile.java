package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a run's figures as {@code <dir>/<workload>-<UTC timestamp>.json}. */
final class ResultsFile {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ResultsFile() {
    }

    static Path write(Path dir, String workload, Instant at, Object figures) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(workload + "-" + STAMP.format(at) + ".json");
        Files.writeString(file, JSON.writeValueAsString(figures) + System.lineSeparator());
        return file;
    }
}
