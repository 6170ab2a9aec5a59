package io.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code kubectl apply -k} applies every manifest of the directory, and each object once. */
class KustomizationTest {

    @Test
    void shouldListEveryManifestOfTheDirectory() throws IOException {
        List<String> files;
        try (Stream<Path> listing = Files.list(RepositoryFiles.KUBERNETES)) {
            files = listing.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                    .filter(name -> !Manifests.KUSTOMIZATION.getFileName().toString().equals(name))
                    .toList();
        }

        assertThat(Manifests.resources()).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void shouldDeclareEachObjectOnceAndLeaveTheNamespaceToTheKustomization() {
        List<String> objects = Manifests.load().all().stream()
                .map(object -> object.path("kind").asString() + "/" + object.path("metadata").path("name").asString())
                .toList();

        assertThat(objects).doesNotHaveDuplicates();
        assertThat(Manifests.load().all()).allSatisfy(object -> {
            assertThat(object.path("apiVersion").isString()).as(object.path("kind").asString()).isTrue();
            assertThat(object.path("metadata").has("namespace")).as(object.path("metadata").path("name").asString())
                    .isFalse();
        });
        JsonNode kustomization = RepositoryFiles.yamlDocument(Manifests.KUSTOMIZATION);
        assertThat(kustomization.path("namespace").asString()).isNotBlank();
    }
}
