/** The business logic the pipelines run (processors, aggregators), each unit-testable on its own. */
@NullMarked
package io.tributary.processor.function;

import org.jspecify.annotations.NullMarked;
