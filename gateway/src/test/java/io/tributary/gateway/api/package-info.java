@NullMarked
package io.tributary.gateway.api;

import org.jspecify.annotations.NullMarked;
