#!/usr/bin/env bash
# Run the pinned Durable Streams conformance suite against a server.
# Usage: conformance/run.sh URL [REPORT.json]
#   env LONG_POLL_TIMEOUT_MS  server long-poll timeout in ms (default 3000)
# Exit 0 whenever the suite ran (failures included); non-zero if it could not run.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 URL [REPORT.json]" >&2
  exit 2
fi
url="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
report="${2:-$here/target/report.json}"
mkdir -p "$(dirname "$report")"
report="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"

cd "$here"
bash install.sh

# Fail fast if nothing answers at URL (any HTTP status counts); waits up to 10 s.
# Without this an unreachable server makes every test retry until its timeout.
if ! node -e '
  const url = process.argv[1], deadline = Date.now() + 10000
  const probe = () => fetch(url, { method: "HEAD" }).then(() => process.exit(0), () =>
    Date.now() < deadline ? setTimeout(probe, 250) : process.exit(1))
  probe()' "$url"; then
  echo "no server answering at $url" >&2
  exit 1
fi

rm -f "$report"
start=$(date +%s)
# vitest exits 1 when tests fail; whether the suite ran is judged from the report.
CONFORMANCE_TEST_URL="$url" LONG_POLL_TIMEOUT_MS="${LONG_POLL_TIMEOUT_MS:-3000}" \
  node_modules/.bin/vitest run --config vitest.config.mjs \
    --reporter=default --reporter=json --outputFile.json="$report" || true
echo "wall time: $(( $(date +%s) - start ))s, report: $report"

if [[ ! -s "$report" ]]; then
  echo "conformance suite did not produce a report" >&2
  exit 1
fi
node summarize.mjs "$report"
