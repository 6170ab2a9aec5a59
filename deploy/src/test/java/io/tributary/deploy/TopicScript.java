package io.tributary.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topics a shell script creates with {@code kafka-topics.sh --create}, called directly or through a
 * shell function whose body holds the common options ({@code create() { kafka-topics.sh ... "$@"; }}).
 * Reads words separated by blanks, enough for such scripts; an option given twice to one command is
 * refused here as kafka-topics.sh refuses it.
 */
final class TopicScript {

    private static final Pattern FUNCTION = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(\\)\\s*\\{(.*)}\\s*$");
    private static final String TOOL = "kafka-topics.sh";

    /** One {@code --create} command: its options, {@code --config} collected apart. */
    record Creation(Map<String, String> options, Map<String, String> configs) {

        String option(String name) {
            String value = options.get(name);
            if (value == null) {
                throw new IllegalStateException("No " + name + " in the creation of " + options.get("--topic"));
            }
            return value;
        }
    }

    private TopicScript() {
    }

    static List<Creation> creations(String script) {
        Map<String, List<String>> functions = new HashMap<>();
        List<Creation> creations = new ArrayList<>();
        for (String line : script.lines().toList()) {
            Matcher function = FUNCTION.matcher(line);
            if (function.matches()) {
                functions.put(function.group(1), words(function.group(2)));
                continue;
            }
            List<String> words = words(line);
            if (words.isEmpty()) {
                continue;
            }
            List<String> command = new ArrayList<>(functions.getOrDefault(words.get(0), List.of()));
            command.addAll(functions.containsKey(words.get(0)) ? words.subList(1, words.size()) : words);
            if (command.stream().anyMatch(word -> word.endsWith(TOOL)) && command.contains("--create")) {
                creations.add(creation(command));
            }
        }
        return creations;
    }

    private static Creation creation(List<String> command) {
        Map<String, String> options = new HashMap<>();
        Map<String, String> configs = new HashMap<>();
        for (int i = 0; i < command.size(); i++) {
            String word = command.get(i);
            if (!word.startsWith("--")) {
                continue;
            }
            boolean takesValue = i + 1 < command.size() && !command.get(i + 1).startsWith("--")
                    && !command.get(i + 1).startsWith("\"$");
            String value = takesValue ? command.get(++i) : "";
            if (word.equals("--config")) {
                String[] pair = value.split("=", 2);
                if (configs.put(pair[0], pair[1]) != null) {
                    throw new IllegalStateException("Config " + pair[0] + " given twice: " + command);
                }
            } else if (options.put(word, value) != null) {
                throw new IllegalStateException("Option " + word + " given twice: " + command);
            }
        }
        return new Creation(options, configs);
    }

    private static List<String> words(String line) {
        String code = line.strip();
        if (code.startsWith("#")) {
            return List.of();
        }
        return Arrays.stream(code.replace(";", " ").split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
    }
}
