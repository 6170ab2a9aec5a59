package io.tributary.deploy;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities and JVM heap sizes, in comparable units. */
final class Quantities {

    private static final Pattern MEMORY = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?");
    private static final Map<String, Long> MEMORY_UNITS = Map.of(
            "", 1L, "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40,
            "k", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L, "T", 1_000_000_000_000L);
    private static final Pattern HEAP = Pattern.compile("-Xmx(\\d+)([kmgt]?)", Pattern.CASE_INSENSITIVE);

    private Quantities() {
    }

    static long millicores(String cpu) {
        if (cpu.endsWith("m")) {
            return Long.parseLong(cpu.substring(0, cpu.length() - 1));
        }
        return Math.round(Double.parseDouble(cpu) * 1000);
    }

    static long bytes(String memory) {
        Matcher matcher = MEMORY.matcher(memory);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a memory quantity: " + memory);
        }
        String unit = matcher.group(2) == null ? "" : matcher.group(2);
        return Long.parseLong(matcher.group(1)) * MEMORY_UNITS.get(unit);
    }

    /** The {@code -Xmx} of JVM options, in bytes. */
    static long heapBytes(String javaOptions) {
        Matcher matcher = HEAP.matcher(javaOptions);
        if (!matcher.find()) {
            throw new IllegalArgumentException("No -Xmx in " + javaOptions);
        }
        int shift = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Long.parseLong(matcher.group(1)) << shift;
    }
}
