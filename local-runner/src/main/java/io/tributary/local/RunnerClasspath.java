package io.tributary.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The classpath of this application, to run the broker's {@code kafka.Kafka} from the {@code kafka_2.13}
 * jars that came with it. Run as {@code java -jar local-runner.jar}, the JVM's classpath is that one jar,
 * whose manifest points to {@code lib/}; in a test, it is the full classpath.
 */
final class RunnerClasspath {

    private RunnerClasspath() {
    }

    static String current() {
        return absolute(System.getProperty("java.class.path", ""));
    }

    /**
     * The classpath with every entry made absolute: the broker runs in its data folder, where a relative
     * entry (the runner's own jar, as {@code run-local.sh} names it) would point nowhere, and with it the
     * broker's logging configuration that the jar holds (measured: the broker then logged at DEBUG, 13,000
     * lines in its first seconds).
     */
    static String absolute(String classpath) {
        if (!classpath.contains(File.pathSeparator) && classpath.endsWith(".jar")) {
            Path jar = Path.of(classpath).toAbsolutePath();
            Path lib = jar.getParent().resolve("lib");
            if (Files.isDirectory(lib)) {
                return jar + File.pathSeparator + lib + File.separator + "*";
            }
        }
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> entry.endsWith("*") ? Path.of(entry.substring(0, entry.length() - 1)).toAbsolutePath()
                        + File.separator + "*" : Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
