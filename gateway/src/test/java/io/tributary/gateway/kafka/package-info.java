@NullMarked
package io.tributary.gateway.kafka;

import org.jspecify.annotations.NullMarked;
