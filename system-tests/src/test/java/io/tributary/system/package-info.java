@NullMarked
package io.tributary.system;

import org.jspecify.annotations.NullMarked;
