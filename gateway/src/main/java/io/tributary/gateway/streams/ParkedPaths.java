package io.tributary.gateway.streams;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.schema.StreamOperation;
import org.jspecify.annotations.Nullable;

/**
 * Operations held back because a fork's source has not been applied yet: a replica reads partitions in
 * no set order, so a fork (on its path's partition) can come before its source (on another). A fork
 * waits for its source's incarnation, and every later operation on the fork's path waits behind it, so
 * the path's operations still apply in their log order. A source that was removed first releases its
 * forks too, which then find it gone; the ids of removed incarnations are kept (the latest {@value
 * #REMEMBERED_REMOVALS}) to tell "not yet" from "no longer". Used on the log's thread only.
 */
final class ParkedPaths {

    static final int REMEMBERED_REMOVALS = 100_000;

    private final Map<String, Deque<Held>> byPath = new ConcurrentHashMap<>();
    private final Map<String, List<String>> pathsBySource = new HashMap<>();
    private final Map<String, Boolean> removed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_REMOVALS;
        }
    };

    /** How many operations are held; read by a metrics thread, so an approximate count will do. */
    int size() {
        return byPath.values().stream().mapToInt(Deque::size).sum();
    }

    boolean holds(String path) {
        return byPath.containsKey(path);
    }

    /** Holds the operation back; {@code source} names the incarnation its path now waits for, if it is a fork. */
    void park(StreamOperation operation, long logOffset, @Nullable String source) {
        byPath.computeIfAbsent(operation.getPath(), path -> new ArrayDeque<>()).add(new Held(operation, logOffset));
        if (source != null) {
            pathsBySource.computeIfAbsent(source, id -> new ArrayList<>()).add(operation.getPath());
        }
    }

    void removed(String incarnation) {
        removed.put(incarnation, Boolean.TRUE);
    }

    boolean wasRemoved(String incarnation) {
        return removed.containsKey(incarnation);
    }

    /** The operations that waited for the incarnation, path by path, each path's in log order; no longer held. */
    List<Held> release(String incarnation) {
        List<String> paths = pathsBySource.remove(incarnation);
        if (paths == null) {
            return List.of();
        }
        List<Held> released = new ArrayList<>();
        for (String path : paths) {
            Deque<Held> held = byPath.remove(path);
            if (held != null) {
                released.addAll(held);
            }
        }
        return released;
    }

    /** An operation held back, with where it lies on the log. */
    record Held(StreamOperation operation, long logOffset) {
    }
}
