@NullMarked
package io.tributary.processor;

import org.jspecify.annotations.NullMarked;
