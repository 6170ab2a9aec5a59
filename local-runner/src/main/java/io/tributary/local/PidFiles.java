package io.tributary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * One file per running child, {@code DATA/pids/<name>.pid}, holding its process id: rewritten each time
 * the child is started again, so that an operator (or the fault suite) can signal the process that is
 * running now ({@code kill -STOP $(cat .local/pids/kafka-2.pid)}) without searching the process list.
 * The runner's own pid is in {@code runner.pid}.
 */
public final class PidFiles {

    private final Path dir;

    public PidFiles(Path dir) {
        this.dir = dir;
    }

    /** The pid files of a stack whose data folder is {@code dataDir}. */
    public static PidFiles in(Path dataDir) {
        return new PidFiles(dataDir.resolve("pids"));
    }

    /** Records {@code pid} as the running process of {@code name}; written whole, never seen half-written. */
    public void write(String name, long pid) {
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, name, ".tmp");
            Files.writeString(temporary, pid + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the pid file of " + name, e);
        }
    }

    /** The pid last recorded for {@code name}, if any; the process may have exited since. */
    public OptionalLong read(String name) {
        Path file = file(name);
        try {
            if (!Files.isRegularFile(file)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    Path file(String name) {
        return dir.resolve(name + ".pid");
    }
}
