@NullMarked
package io.tributary.gateway.presence;

import org.jspecify.annotations.NullMarked;
