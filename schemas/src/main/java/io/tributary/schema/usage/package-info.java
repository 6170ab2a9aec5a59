/** What the usage analytics share between the processor that writes them and the readers that merge them. */
@NullMarked
package io.tributary.schema.usage;

import org.jspecify.annotations.NullMarked;
