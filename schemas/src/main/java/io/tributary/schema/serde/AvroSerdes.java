package io.tributary.schema.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.schema.AuditAccess;
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
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one place that makes serdes for Tributary's Avro types. Each decoder knows every
 * released version of every top-level schema (from {@value #RELEASED}), so data written by an
 * older release stays readable.
 */
public final class AvroSerdes {

    /** Classpath folder of released top-level schemas, one file per type and version. */
    public static final String RELEASED = "io/tributary/schema/released/";

    /** Released versions, as {@code Name.vN.avsc}; add a line when a schema changes. */
    public static final List<String> RELEASED_FILES = List.of(
            "JobEvent.v1.avsc",
            "JobEvent.v2.avsc",
            "JobState.v1.avsc",
            "JobCommand.v1.avsc",
            "JobCommand.v2.avsc",
            "InstanceLease.v1.avsc",
            "ViewerPresence.v1.avsc",
            "ThreadPreference.v1.avsc",
            "Notification.v1.avsc",
            "NotificationMark.v1.avsc",
            "UsageWindow.v1.avsc",
            "JobUsage.v1.avsc",
            "StreamOperation.v1.avsc");

    private static final SchemaStore.Cache STORE = loadReleased();
    private static final Map<Class<?>, AvroSerde<?>> SERDES = new ConcurrentHashMap<>();

    private AvroSerdes() {
    }

    public static AvroSerde<JobEvent> jobEvent() {
        return of(JobEvent.class);
    }

    public static AvroSerde<JobState> jobState() {
        return of(JobState.class);
    }

    public static AvroSerde<JobCommand> jobCommand() {
        return of(JobCommand.class);
    }

    public static AvroSerde<InstanceLease> instanceLease() {
        return of(InstanceLease.class);
    }

    public static AvroSerde<ViewerPresence> viewerPresence() {
        return of(ViewerPresence.class);
    }

    public static AvroSerde<ThreadPreference> threadPreference() {
        return of(ThreadPreference.class);
    }

    public static AvroSerde<Notification> notification() {
        return of(Notification.class);
    }

    public static AvroSerde<NotificationMark> notificationMark() {
        return of(NotificationMark.class);
    }

    public static AvroSerde<AuditAccess> auditAccess() {
        return of(AuditAccess.class);
    }

    public static AvroSerde<UsageWindow> usageWindow() {
        return of(UsageWindow.class);
    }

    public static AvroSerde<JobUsage> jobUsage() {
        return of(JobUsage.class);
    }

    public static AvroSerde<StreamOperation> streamOperation() {
        return of(StreamOperation.class);
    }

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return (AvroSerde<T>) SERDES.computeIfAbsent(type,
                t -> new AvroSerde<>(SpecificData.get().getSchema(t), STORE));
    }

    /** Every released schema, parsed; used by the store and by the compatibility test. */
    public static List<Schema> releasedSchemas() {
        return RELEASED_FILES.stream().map(AvroSerdes::parse).toList();
    }

    private static SchemaStore.Cache loadReleased() {
        SchemaStore.Cache cache = new SchemaStore.Cache();
        releasedSchemas().forEach(cache::addSchema);
        return cache;
    }

    private static Schema parse(String file) {
        try (InputStream in = AvroSerdes.class.getClassLoader().getResourceAsStream(RELEASED + file)) {
            if (in == null) {
                throw new IllegalStateException("Released schema missing from the classpath: " + file);
            }
            return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
