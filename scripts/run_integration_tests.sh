#!/usr/bin/env bash
# End-to-end check against ANY running Propo over HTTP: uploads a sample document, asks about it,
# and checks that every citation resolves via /api/citations/resolve to exactly the page slice.
# Usage: scripts/run_integration_tests.sh [BASE_URL] [TOKEN]   (default http://localhost:7860)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROPO="${PROPO_BIN:-$ROOT/bin/propo}"
URL="${1:-http://localhost:7860}"
if [ -n "${2:-}" ]; then exec "$PROPO" ops integration "$URL" --token "$2"; fi
exec "$PROPO" ops integration "$URL"
