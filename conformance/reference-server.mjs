// Starts the reference Durable Streams server (@durable-streams/server, in-memory
// store) on 127.0.0.1:PORT. Long-poll timeout: env LONG_POLL_TIMEOUT_MS (default 3000).
// Usage: node reference-server.mjs PORT   -> prints "READY http://127.0.0.1:PORT"
import { DurableStreamTestServer } from "@durable-streams/server"

const port = Number(process.argv[2])
if (!Number.isInteger(port) || port <= 0) {
  console.error("usage: node reference-server.mjs PORT")
  process.exit(2)
}

const server = new DurableStreamTestServer({
  host: "127.0.0.1",
  port,
  longPollTimeout: Number(process.env.LONG_POLL_TIMEOUT_MS ?? 3000),
})
const url = await server.start()
console.log(`READY ${url}`)

// stop() waits for idle keep-alive sockets to time out (~5 s); cap it at 1 s.
const shutdown = () => {
  setTimeout(() => process.exit(0), 1000).unref()
  server.stop().finally(() => process.exit(0))
}
process.on("SIGINT", shutdown)
process.on("SIGTERM", shutdown)
