package io.tributary.gateway.api;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.tributary.gateway.timeline.LoggedEvent;
import io.tributary.schema.JobEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event of {@code jobs.deltas} as typed JSON, for the events endpoint: where it lies in the log, its
 * seq, type and time, its job's W3C {@code traceparent} when the record carries one, and its payload,
 * which is every field the event's type sets, converted from the
 * Avro record as it is (records as objects, enums as lower-case names, times as ISO-8601). Fields that
 * carry the upstream's JSON verbatim ({@code reasoningDetails}, a usage's {@code json}) are parsed, so
 * a consumer gets JSON, not JSON inside a string; should one not parse, it stays the string it is.
 */
final class LoggedEventJson {

    /** The fields every event has: they head the object, so the payload holds only what the type sets. */
    private static final Set<String> ENVELOPE = Set.of("jobId", "seq", "type", "timestamp");
    /** Fields whose text is the upstream's JSON, verbatim. */
    private static final Set<String> VERBATIM_JSON = Set.of("reasoningDetails", "json");

    private final JsonMapper mapper;
    private final JsonNodeFactory nodes;

    LoggedEventJson(JsonMapper mapper) {
        this.mapper = mapper;
        this.nodes = mapper.getNodeFactory();
    }

    ObjectNode of(LoggedEvent logged) {
        JobEvent event = logged.event();
        ObjectNode node = nodes.objectNode();
        node.put("seq", event.getSeq());
        node.put("type", event.getType().name().toLowerCase(Locale.ROOT));
        node.put("partition", logged.position().getPartition());
        node.put("offset", logged.position().getOffset());
        node.put("timestamp", event.getTimestamp().toString());
        if (logged.traceparent() != null) {
            node.put("traceparent", logged.traceparent());
        }
        ObjectNode payload = node.putObject("payload");
        for (Schema.Field field : event.getSchema().getFields()) {
            Object value = event.get(field.pos());
            if (value != null && !ENVELOPE.contains(field.name())) {
                payload.set(field.name(), value(field.name(), value));
            }
        }
        return node;
    }

    private JsonNode value(String name, Object value) {
        if (value instanceof CharSequence text) {
            return VERBATIM_JSON.contains(name) ? parsedOrText(text.toString()) : nodes.stringNode(text.toString());
        }
        if (value instanceof IndexedRecord record) {
            ObjectNode object = nodes.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                Object fieldValue = record.get(field.pos());
                if (fieldValue != null) {
                    object.set(field.name(), value(field.name(), fieldValue));
                }
            }
            return object;
        }
        if (value instanceof Enum<?> || value instanceof GenericEnumSymbol<?>) {
            return nodes.stringNode(value.toString().toLowerCase(Locale.ROOT));
        }
        if (value instanceof Instant instant) {
            return nodes.stringNode(instant.toString());
        }
        if (value instanceof Boolean flag) {
            return nodes.booleanNode(flag);
        }
        if (value instanceof Integer number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Long number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Double number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Float number) {
            return nodes.numberNode(number);
        }
        if (value instanceof ByteBuffer bytes) {
            return nodes.stringNode(Base64.getEncoder().encodeToString(copy(bytes)));
        }
        if (value instanceof List<?> list) {
            return nodes.arrayNode().addAll(list.stream().map(item -> value(name, item)).toList());
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((key, item) -> object.set(key.toString(), value(name, item)));
            return object;
        }
        return nodes.stringNode(value.toString());
    }

    private JsonNode parsedOrText(String text) {
        try {
            return mapper.readTree(text);
        } catch (JacksonException e) {
            return nodes.stringNode(text);
        }
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
