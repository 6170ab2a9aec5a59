package io.tributary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The three services of the stack, in the order they start; they stop in the reverse order. */
enum LocalService {

    INGEST("ingest-service", "ingest"),
    PROCESSOR("stream-processor", "processor"),
    GATEWAY("gateway", "gateway");

    private final String module;
    private final String shortName;

    LocalService(String module, String shortName) {
        this.module = module;
        this.shortName = shortName;
    }

    /** The Maven module, which also names the jar and the log file. */
    String module() {
        return module;
    }

    String shortName() {
        return shortName;
    }

    int port(LocalStackOptions options) {
        return switch (this) {
            case INGEST -> options.ingestPort();
            case PROCESSOR -> options.processorPort();
            case GATEWAY -> options.gatewayPort();
        };
    }

    /**
     * The service's executable jar ({@code <module>/target/<module>-<version>-exec.jar}), the newest if there
     * are several versions.
     */
    Path jar(Path root) {
        Path target = root.resolve(module).resolve("target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                return files
                        .filter(file -> file.getFileName().toString().startsWith(module + "-"))
                        .filter(file -> file.getFileName().toString().endsWith("-exec.jar"))
                        .max(Comparator.comparing(LocalService::lastModified))
                        .orElseThrow(() -> missingJar(target));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw missingJar(target);
    }

    private ServiceStartException missingJar(Path target) {
        return new ServiceStartException("No executable jar of " + module + " in " + target
                + "; build the project first: ./run-local.sh builds it, or mvn -B -DskipTests install");
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
