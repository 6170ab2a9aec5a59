@NullMarked
package io.tributary.support.web;

import org.jspecify.annotations.NullMarked;
