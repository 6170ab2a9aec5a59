package io.tributary.deploy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import io.tributary.schema.topic.TopicDefinitions;
import io.tributary.support.kafka.TopicProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * The topics a service would declare, computed the way the service does: {@link TopicProperties} bound
 * from its {@code @DefaultValue}s, what the service's {@code application.yml} sets and what a deployment's
 * environment sets, then {@link TopicProperties#definitions()}. So the expectations follow the code, not a
 * copy of its numbers.
 */
final class TopicSettings {

    private static final String ENVIRONMENT_PREFIX = "TRIBUTARY_TOPICS_";

    private TopicSettings() {
    }

    /**
     * @param settings the service's file
     * @param environment the deployment's environment variables for the service (only
     *     {@code TRIBUTARY_TOPICS_*} are read), which override the file as Spring's relaxed binding does
     */
    static TopicProperties of(ServiceSettings settings, Map<String, String> environment) {
        RecordComponent[] components = TopicProperties.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Parameter[] parameters = canonicalConstructor(components).getParameters();
        for (int i = 0; i < components.length; i++) {
            String value = defaultValue(parameters[i]);
            value = fromFile(settings.topicSettings(), components[i].getName(), value);
            value = fromEnvironment(environment, components[i].getName(), value);
            values[i] = convert(value, components[i].getType());
        }
        try {
            return (TopicProperties) canonicalConstructor(components).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot bind TopicProperties", e);
        }
    }

    static TopicDefinitions definitions(ServiceSettings settings, Map<String, String> environment) {
        return of(settings, environment).definitions();
    }

    private static Constructor<?> canonicalConstructor(RecordComponent[] components) {
        try {
            return TopicProperties.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String defaultValue(Parameter parameter) {
        DefaultValue annotation = parameter.getAnnotation(DefaultValue.class);
        if (annotation == null || annotation.value().length != 1) {
            throw new IllegalStateException("TopicProperties." + parameter.getName() + " has no single default");
        }
        return annotation.value()[0];
    }

    private static String fromFile(Map<String, String> file, String component, String otherwise) {
        return file.entrySet().stream()
                .filter(entry -> canonical(entry.getKey()).equals(canonical(component)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(otherwise);
    }

    private static String fromEnvironment(Map<String, String> environment, String component, String otherwise) {
        return environment.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(ENVIRONMENT_PREFIX))
                .filter(entry -> canonical(entry.getKey().substring(ENVIRONMENT_PREFIX.length()))
                        .equals(canonical(component)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(otherwise);
    }

    /** {@code replication-factor}, {@code replicationFactor} and {@code REPLICATION_FACTOR} alike. */
    private static String canonical(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static Object convert(String value, Class<?> type) {
        if (type == boolean.class) {
            return Boolean.parseBoolean(value);
        }
        if (type == int.class) {
            return Integer.parseInt(value);
        }
        if (type == short.class) {
            return Short.parseShort(value);
        }
        if (type == Duration.class) {
            return DurationStyle.detectAndParse(value);
        }
        throw new IllegalStateException("TopicProperties has a setting of an unexpected type: " + type);
    }
}
