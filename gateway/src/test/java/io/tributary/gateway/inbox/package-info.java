@NullMarked
package io.tributary.gateway.inbox;

import org.jspecify.annotations.NullMarked;
