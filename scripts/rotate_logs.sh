#!/usr/bin/env bash
# Rotates logs/app.log and logs/security_audit.log when over MAX_MB (50) or older than MAX_AGE_DAYS (7):
# gzip to <log>.<UTC time>.gz and keep KEEP (10) per log. Copy-then-truncate: safe while Propo runs.
# Usage: scripts/rotate_logs.sh [--force]   (env MAX_MB, MAX_AGE_DAYS, KEEP; log dir from PROPO_LOG_DIR/config)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROPO="${PROPO_BIN:-$ROOT/bin/propo}"
exec "$PROPO" ops rotate-logs --max-mb "${MAX_MB:-50}" --max-age-days "${MAX_AGE_DAYS:-7}" --keep "${KEEP:-10}" "$@"
