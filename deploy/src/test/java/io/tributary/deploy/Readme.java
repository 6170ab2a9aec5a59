package io.tributary.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/** README.md by section, and the rows of its Markdown tables. */
final class Readme {

    private final List<String> lines;

    private Readme(List<String> lines) {
        this.lines = lines;
    }

    static Readme load() {
        return new Readme(RepositoryFiles.text(RepositoryFiles.README).lines().toList());
    }

    /** The line index of a heading, given as written ({@code "## Operations"}). */
    int headingIndex(String heading) {
        int index = lines.indexOf(heading);
        if (index < 0) {
            throw new NoSuchElementException("README.md has no heading " + heading);
        }
        return index;
    }

    /**
     * A section's lines: from its heading to the next heading of the same or a higher level. Lines in fenced
     * code blocks are never headings (a shell comment starts with {@code #} too).
     */
    List<String> section(String heading) {
        int start = headingIndex(heading);
        int level = level(heading);
        boolean fenced = false;
        int end = start + 1;
        for (; end < lines.size(); end++) {
            String line = lines.get(end);
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && level(line) > 0 && level(line) <= level) {
                break;
            }
        }
        return lines.subList(start + 1, end);
    }

    String sectionText(String heading) {
        return String.join("\n", section(heading));
    }

    /** The cells of every table row of a section, header and separator rows left out. */
    List<List<String>> tableRows(String heading) {
        List<List<String>> rows = new ArrayList<>();
        List<String> section = section(heading);
        for (int i = 0; i < section.size(); i++) {
            String line = section.get(i).strip();
            boolean header = i + 1 < section.size() && section.get(i + 1).strip().startsWith("|---");
            if (line.startsWith("|") && !line.startsWith("|---") && !header) {
                String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
                rows.add(Arrays.stream(inner.split("\\|")).map(String::strip).toList());
            }
        }
        return rows;
    }

    /** Markdown heading level: 2 for {@code ## x}; 0 for other lines (code blocks' comments included). */
    private static int level(String line) {
        int level = 0;
        while (level < line.length() && line.charAt(level) == '#') {
            level++;
        }
        return level > 0 && level < line.length() && line.charAt(level) == ' ' ? level : 0;
    }
}
