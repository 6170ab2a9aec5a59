@NullMarked
package io.tributary.schema.topic;

import org.jspecify.annotations.NullMarked;
