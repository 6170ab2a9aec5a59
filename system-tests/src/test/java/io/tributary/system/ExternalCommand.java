package io.tributary.system;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program of another language (a Python consumer, a node client) run to its end by a test, with its
 * output. Its stderr goes to a file, so that neither stream can block the other; its stdin is empty.
 *
 * @param exitCode how it exited
 * @param stdout what it printed
 * @param stderr what it complained of
 */
record ExternalCommand(int exitCode, String stdout, String stderr) {

    String output() {
        return stdout + stderr;
    }

    static ExternalCommand run(List<String> command, Path directory, Duration timeout)
            throws IOException, InterruptedException {
        Path errors = Files.createTempFile("external-command", ".stderr");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(errors.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        byte[] stdout;
        try (InputStream out = process.getInputStream()) {
            stdout = out.readAllBytes();
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " took longer than " + timeout);
        }
        String stderr = Files.readString(errors);
        Files.delete(errors);
        return new ExternalCommand(process.exitValue(), new String(stdout, StandardCharsets.UTF_8), stderr);
    }
}
