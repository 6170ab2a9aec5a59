@NullMarked
package io.tributary.support.kafka;

import org.jspecify.annotations.NullMarked;
