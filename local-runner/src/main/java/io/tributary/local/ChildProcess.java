package io.tributary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output goes to a log file. It never reads the parent's standard input, and on
 * Unix it runs in a session of its own, so that Ctrl-C in a terminal reaches only the parent, which then
 * stops its children in order (services before the broker they depend on) instead of all at once.
 */
public final class ChildProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts a process.
     *
     * @param name what the process is called in messages
     * @param command the program and its arguments
     * @param environment variables added to (or replacing those of) this process's environment
     * @param logFile where standard output and error go; replaced if it exists
     * @param workingDirectory the child's working directory
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
            Path logFile, Path workingDirectory) {
        List<String> detached = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            detached.add(SETSID.toString());
        }
        detached.addAll(command);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(detached)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            // End of input at once: a child that reads stdin must not wait for a terminal there may not be.
            process.getOutputStream().close();
            return new ChildProcess(name, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the process has ended, however it ended. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Waits for the process to end by itself; whether it did within the timeout. */
    public boolean awaitExit(Duration timeout) {
        return waitFor(timeout);
    }

    /** The exit code of an ended process. */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * Asks the process to stop (SIGTERM), waits up to {@code grace} for it to end, then kills it.
     *
     * @return whether it ended within the grace period
     */
    public boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (waitFor(grace)) {
            return true;
        }
        kill();
        return false;
    }

    /** Kills the process at once (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(KILL_WAIT);
    }

    /** The last lines of the process's log. */
    public String logTail(int lines) {
        return LogTail.of(logFile, lines);
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
