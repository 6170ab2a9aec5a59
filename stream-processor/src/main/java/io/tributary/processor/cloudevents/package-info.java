/** The CloudEvents attributes of the records the processor writes. */
@NullMarked
package io.tributary.processor.cloudevents;

import org.jspecify.annotations.NullMarked;
