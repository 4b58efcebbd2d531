#!/usr/bin/env bash
# p50/p95/max latency of N questions against a running instance plus a /metrics summary.
# Usage: scripts/performance_audit.sh [API_URL] [METRICS_URL] [N]
#   defaults: http://localhost:7860 http://localhost:8000 20
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROPO="${PROPO_BIN:-$ROOT/bin/propo}"
exec "$PROPO" ops perf --url "${1:-http://localhost:7860}" --metrics-url "${2:-http://localhost:8000}" --n "${3:-20}"
