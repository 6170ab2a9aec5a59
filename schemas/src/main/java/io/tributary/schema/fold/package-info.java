@NullMarked
package io.tributary.schema.fold;

import org.jspecify.annotations.NullMarked;
