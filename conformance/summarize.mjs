// Summarises a vitest JSON report.
// Usage: node summarize.mjs REPORT.json
// Prints "CONFORMANCE passed=N failed=N skipped=N total=N", then one
// "FAILED <full test name>: <first line of message>" line per failure.
// Exits 1 only if the report shows the suite could not run (no tests collected).
import { readFileSync } from "node:fs"

const report = JSON.parse(readFileSync(process.argv[2], "utf8"))
const firstLine = (s) =>
  (String(s ?? "").split("\n").find((l) => l.trim()) ?? "").trim()

let passed = 0, failed = 0, skipped = 0
const failures = []
for (const file of report.testResults ?? []) {
  for (const t of file.assertionResults ?? []) {
    if (t.status === "passed") passed++
    else if (t.status === "failed") {
      failed++
      const name = [...(t.ancestorTitles ?? []), t.title].join(" > ")
      failures.push(`FAILED ${name}: ${firstLine(t.failureMessages?.[0])}`)
    } else skipped++ // skipped, pending, todo
  }
  // A test file that failed to load (e.g. bad URL, import error) has no tests.
  if (file.status === "failed" && !(file.assertionResults ?? []).length) {
    failures.push(`FAILED ${file.name}: ${firstLine(file.message)}`)
  }
}
const total = passed + failed + skipped

console.log(`CONFORMANCE passed=${passed} failed=${failed} skipped=${skipped} total=${total}`)
for (const f of failures) console.log(f)
process.exit(total === 0 ? 1 : 0)
