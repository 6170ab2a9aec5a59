package io.tributary.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The repository's files the checks read, and YAML read with Jackson. Tests run in {@code deploy/}. */
final class RepositoryFiles {

    static final Path ROOT = Path.of("..");
    static final Path README = ROOT.resolve("README.md");
    static final Path DOCKER_COMPOSE = ROOT.resolve("docker-compose.yml");
    static final Path KUBERNETES = ROOT.resolve("deploy").resolve("kubernetes");

    private static final YAMLMapper YAML = new YAMLMapper();

    private RepositoryFiles() {
    }

    static YAMLMapper yaml() {
        return YAML;
    }

    static JsonNode yamlDocument(Path file) {
        return YAML.readTree(file.toFile());
    }

    /** Every document of a multi-document file; empty documents (a trailing {@code ---}) are left out. */
    static List<JsonNode> yamlDocuments(Path file) {
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return documents.readAll().stream()
                    .filter(Objects::nonNull)
                    .filter(document -> document.isObject() && !document.isEmpty())
                    .collect(Collectors.toList());
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
