// Follows one Tributary job as a Durable Stream with the protocol's own JavaScript client
// (@durable-streams/client, pinned in package.json): from the beginning, live over SSE, until the
// job's terminal event closes the stream. Prints one JSON line: the text of its text deltas joined,
// the event types in order, and the final offset.
// Usage: node follow-job.mjs STREAM_URL TOKEN
import { stream } from "@durable-streams/client"

const [url, token] = process.argv.slice(2)
if (!url || !token) {
  console.error("usage: node follow-job.mjs STREAM_URL TOKEN")
  process.exit(2)
}

const response = await stream({
  url,
  headers: { Authorization: `Bearer ${token}` },
  offset: "-1",
  live: "sse",
})

const types = []
let text = ""
let offset = null
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("the stream did not close within 60 s")), 60_000)
  response.subscribeJson(async (batch) => {
    for (const event of batch.items) {
      types.push(event.type)
      if (event.type === "text_delta") text += event.payload.text
    }
    offset = batch.offset
    if (batch.streamClosed) {
      clearTimeout(timer)
      resolve()
    }
  })
})
console.log(JSON.stringify({ text, types, offset }))
process.exit(0)
