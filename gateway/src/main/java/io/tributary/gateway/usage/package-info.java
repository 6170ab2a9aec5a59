/** This gateway's copy of the usage analytics on {@code analytics.usage}, for {@code /api/usage}. */
@NullMarked
package io.tributary.gateway.usage;

import org.jspecify.annotations.NullMarked;
