@NullMarked
package io.tributary.support.security;

import org.jspecify.annotations.NullMarked;
