package io.tributary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a Spring Boot service faster from a class-data-sharing archive of the classes it loads, the
 * JDK's AppCDS as Spring Boot documents it: the executable jar is extracted once per build (an archive
 * needs a classpath of plain jars), and the service's first run writes the archive when it exits
 * ({@code -XX:ArchiveClassesAtExit}); every later run maps it ({@code -XX:SharedArchiveFile}). Measured on
 * the gateway: start-up to a refreshed context 6.6 s without, 4.4 s with it, and a third less CPU, which
 * counts most when three services start at once on two cores (BENCHMARKS.md).
 *
 * <p>The archive lives beside the jar, in {@code <module>/target/cds}, so a new build (whose classes the
 * old archive would no longer match) starts over, and a fresh data folder keeps the speed. A JVM that
 * cannot use an archive (another JDK) ignores it and starts as usual.
 */
final class ClassDataArchive {

    private static final long EXTRACT_TIMEOUT_SECONDS = 120;

    /** How to launch the service: the jar to run and the JVM options that go with it. */
    record Launch(Path jar, List<String> jvmOptions) {
    }

    private ClassDataArchive() {
    }

    /**
     * Extracts the executable jar into {@code <target>/cds} if that is missing or older than the jar, and
     * says how to run it with the archive, or to write the archive when there is none yet.
     */
    static Launch prepare(Path executableJar) {
        Path folder = executableJar.toAbsolutePath().getParent().resolve("cds");
        Path extracted = folder.resolve(executableJar.getFileName());
        Path archive = folder.resolve("app.jsa");
        if (!isNewerThan(extracted, executableJar)) {
            extract(executableJar, folder);
            deleteIfPresent(archive);
        }
        // The JVM notes every class it cannot archive at exit, and any mismatch at start: off, as neither
        // is for the operator.
        String logging = "-Xlog:cds=off,cds+dynamic=off";
        List<String> options = Files.isRegularFile(archive)
                ? List.of("-XX:SharedArchiveFile=" + archive, logging)
                : List.of("-XX:ArchiveClassesAtExit=" + archive, logging);
        return new Launch(extracted, options);
    }

    private static void extract(Path executableJar, Path folder) {
        List<String> command = JavaCommands.jar(executableJar, List.of("-Djarmode=tools"),
                List.of("extract", "--destination", folder.toString(), "--force"));
        try {
            Files.createDirectories(folder);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new ServiceStartException("Could not extract " + executableJar + " into " + folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract " + executableJar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("Interrupted while extracting " + executableJar);
        }
    }

    private static boolean isNewerThan(Path file, Path other) {
        try {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            FileTime fileTime = Files.getLastModifiedTime(file);
            return fileTime.compareTo(Files.getLastModifiedTime(other)) >= 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteIfPresent(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
