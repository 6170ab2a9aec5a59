// Runs the pinned Durable Streams conformance suite against CONFORMANCE_TEST_URL.
// LONG_POLL_TIMEOUT_MS: the server's long-poll timeout; the suite gives each
// long-poll test that much time plus 1 s (suite default 20000).
import { runConformanceTests } from "@durable-streams/server-conformance-tests"

const baseUrl = process.env.CONFORMANCE_TEST_URL
if (!baseUrl) throw new Error("CONFORMANCE_TEST_URL is required")

runConformanceTests({
  baseUrl,
  longPollTimeoutMs: Number(process.env.LONG_POLL_TIMEOUT_MS ?? 3000),
})
