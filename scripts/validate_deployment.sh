#!/usr/bin/env bash
# Validates a deployment: the configuration loads, and the instance at URL (health/metrics port)
# answers /health?detailed=true and /ready with 200. Usage: scripts/validate_deployment.sh [URL]
# (default http://localhost:8000). Exit 0 healthy, non-zero otherwise.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROPO="${PROPO_BIN:-$ROOT/bin/propo}"
URL="${1:-http://localhost:8000}"
"$PROPO" config check >/dev/null
exec "$PROPO" ops validate --url "$URL"
