/**
 * Viewer presence and the notification of a job's end: the presence of viewers per job
 * ({@link io.tributary.processor.notify.JobViewers}, recorded by
 * {@link io.tributary.processor.notify.PresenceRecorder}) and, when a job ends, whether its user is told
 * ({@link io.tributary.processor.notify.NotificationPolicy}, pure) as gathered and emitted by
 * {@link io.tributary.processor.notify.NotificationDecider}.
 */
@NullMarked
package io.tributary.processor.notify;

import org.jspecify.annotations.NullMarked;
