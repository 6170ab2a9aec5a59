@NullMarked
package io.tributary.schema.serde;

import org.jspecify.annotations.NullMarked;
