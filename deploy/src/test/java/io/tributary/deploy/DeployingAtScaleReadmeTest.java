package io.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * README's "Deploying at scale" sits between Operations and Benchmarks, names every manifest, quotes the
 * default partition count the services use, and cites only metrics that Operations documents.
 */
class DeployingAtScaleReadmeTest {

    static final String SECTION = "## Deploying at scale";
    private static final Pattern METRIC = Pattern.compile("`((?:tributary|kafka)_[a-z_]+)`");
    private static final Pattern PARTITIONS = Pattern.compile(
            "`tributary\\.topics\\.partitions`\\s+partitions \\((\\d+) by default");

    private final Readme readme = Readme.load();

    @Test
    void shouldFollowOperationsAndPrecedeBenchmarks() {
        int operations = readme.headingIndex("## Operations");

        assertThat(readme.headingIndex(SECTION)).isEqualTo(operations + 1 + readme.section("## Operations").size());
        assertThat(readme.headingIndex("## Benchmarks"))
                .isEqualTo(readme.headingIndex(SECTION) + 1 + readme.section(SECTION).size());
    }

    @Test
    void shouldNameEveryManifest() {
        String section = readme.sectionText(SECTION);

        assertThat(Manifests.resources()).allSatisfy(file -> assertThat(section).contains("`" + file + "`"));
    }

    @Test
    void shouldCiteOnlyMetricsThatOperationsDocuments() {
        Set<String> cited = metrics(readme.sectionText(SECTION));

        assertThat(cited).isNotEmpty();
        assertThat(metrics(readme.sectionText("## Operations"))).containsAll(cited);
    }

    @Test
    void shouldQuoteThePartitionCountTheServicesDefaultTo() {
        Matcher quoted = PARTITIONS.matcher(readme.sectionText(SECTION).replaceAll("\\s+", " "));

        assertThat(quoted.find()).isTrue();
        assertThat(Integer.parseInt(quoted.group(1)))
                .isEqualTo(TopicSettings.of(ServiceSettings.of(TributaryService.PROCESSOR), Map.of()).partitions());
    }

    private static Set<String> metrics(String text) {
        return METRIC.matcher(text).results().map(result -> result.group(1)).collect(Collectors.toSet());
    }
}
