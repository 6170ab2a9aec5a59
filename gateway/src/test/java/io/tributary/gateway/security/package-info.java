@NullMarked
package io.tributary.gateway.security;

import org.jspecify.annotations.NullMarked;
