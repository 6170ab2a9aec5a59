package io.tributary.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tributary.schema.InstanceLease;
import io.tributary.schema.JobCommand;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.JobUsage;
import io.tributary.schema.Notification;
import io.tributary.schema.NotificationMark;
import io.tributary.schema.StreamOperation;
import io.tributary.schema.ThreadPreference;
import io.tributary.schema.UsageWindow;
import io.tributary.schema.ViewerPresence;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Keeps every released schema readable: the current schema must read data written with each
 * released version (backward) and each released reader must read data written now (forward), so
 * that producers and consumers of any two releases interoperate and the log replays forever.
 */
class SchemaCompatibilityTest {

    private static final List<Schema> CURRENT = List.of(
            JobEvent.getClassSchema(), JobState.getClassSchema(), JobCommand.getClassSchema(),
            InstanceLease.getClassSchema(), ViewerPresence.getClassSchema(), ThreadPreference.getClassSchema(),
            Notification.getClassSchema(), NotificationMark.getClassSchema(), UsageWindow.getClassSchema(),
            JobUsage.getClassSchema(), StreamOperation.getClassSchema());

    @Test
    void shouldReadEveryReleasedVersionAndBeReadableByIt() {
        for (Schema released : AvroSerdes.releasedSchemas()) {
            Schema current = currentNamed(released.getFullName());
            assertThat(compatibility(current, released))
                    .as("current %s reads data written with released version", released.getFullName())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            assertThat(compatibility(released, current))
                    .as("released %s reads data written now", released.getFullName())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void shouldHaveAReleasedVersionOfEveryTopLevelSchema() {
        Set<String> released = new HashSet<>();
        AvroSerdes.releasedSchemas().forEach(schema -> released.add(schema.getFullName()));
        assertThat(released).containsAll(CURRENT.stream().map(Schema::getFullName).toList());
    }

    @Test
    void shouldGiveEveryEnumADefaultAndEveryOptionalFieldANullDefault() {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        CURRENT.forEach(schema -> collectProblems(schema, seen, problems));
        assertThat(problems).isEmpty();
    }

    private static void collectProblems(Schema schema, Set<String> seen, List<String> problems) {
        switch (schema.getType()) {
            case ENUM -> {
                if (seen.add(schema.getFullName()) && schema.getEnumDefault() == null) {
                    problems.add("enum " + schema.getFullName() + " has no default symbol");
                }
            }
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    Schema type = field.schema();
                    if (type.isNullable() && type.getType() == Schema.Type.UNION
                            && (type.getTypes().get(0).getType() != Schema.Type.NULL || !field.hasDefaultValue())) {
                        problems.add(schema.getName() + "." + field.name() + " is optional but not [\"null\", T] with default null");
                    }
                    collectProblems(type, seen, problems);
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> collectProblems(branch, seen, problems));
            case ARRAY -> collectProblems(schema.getElementType(), seen, problems);
            case MAP -> collectProblems(schema.getValueType(), seen, problems);
            default -> { }
        }
    }

    private static Schema currentNamed(String fullName) {
        return CURRENT.stream()
                .filter(schema -> schema.getFullName().equals(fullName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Released schema " + fullName + " has no current type"));
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }
}
