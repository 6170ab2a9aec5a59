/**
 * An OpenAI-compatible chat-completions server that streams deterministic replies in OpenRouter's
 * SSE format, for the local stack, tests and benchmarks. See {@link io.tributary.simulator.UpstreamSimulator}.
 */
@NullMarked
package io.tributary.simulator;

import org.jspecify.annotations.NullMarked;
