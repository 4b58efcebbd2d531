#!/usr/bin/env bash
# Projects disk (30/90/365 days), vector memory and monthly LLM cost from current counts,
# document growth and the answers ledger. Usage: scripts/capacity_planning.sh [--json]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROPO="${PROPO_BIN:-$ROOT/bin/propo}"
exec "$PROPO" ops capacity "$@"
