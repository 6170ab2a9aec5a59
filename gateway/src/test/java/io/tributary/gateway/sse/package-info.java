@NullMarked
package io.tributary.gateway.sse;

import org.jspecify.annotations.NullMarked;
