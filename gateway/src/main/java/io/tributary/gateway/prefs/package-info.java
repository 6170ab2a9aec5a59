/** Users' thread preferences (muted) as every gateway rebuilds them from {@code threads.prefs}. */
@NullMarked
package io.tributary.gateway.prefs;

import org.jspecify.annotations.NullMarked;
