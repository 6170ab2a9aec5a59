#!/usr/bin/env bash
# Installs the pinned npm packages (package-lock.json) unless node_modules is already up to date.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
marker=node_modules/.package-lock.json
if [[ ! -f "$marker" || package-lock.json -nt "$marker" ]]; then
  npm ci --no-audit --no-fund
  touch "$marker"
fi
