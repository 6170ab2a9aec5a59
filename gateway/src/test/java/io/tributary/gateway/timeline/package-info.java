@NullMarked
package io.tributary.gateway.timeline;

import org.jspecify.annotations.NullMarked;
