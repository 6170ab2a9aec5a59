package io.tributary.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpath of this application, to run the broker's {@code kafka.Kafka} from the {@code kafka_2.13}
 * jars that came with it. Run as {@code java -jar local-runner.jar}, the JVM's classpath is that one jar,
 * whose manifest points to {@code lib/}; in a test, it is the full classpath.
 */
final class RunnerClasspath {

    private RunnerClasspath() {
    }

    static String current() {
        String classpath = System.getProperty("java.class.path", "");
        if (!classpath.contains(File.pathSeparator) && classpath.endsWith(".jar")) {
            Path lib = Path.of(classpath).toAbsolutePath().getParent().resolve("lib");
            if (Files.isDirectory(lib)) {
                return classpath + File.pathSeparator + lib + File.separator + "*";
            }
        }
        return classpath;
    }
}
