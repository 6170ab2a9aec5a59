@NullMarked
package io.tributary.gateway.prefs;

import org.jspecify.annotations.NullMarked;
