#!/usr/bin/env bash
# Backs up the current deployment (safe while Propo runs): writes backups/propo_<UTC>.tar.gz,
# verifies it, applies BACKUP_RETENTION_DAYS, then verifies the archive once more by path.
# Usage: scripts/backup_current_deployment.sh   (uses the same config/.env as bin/propo)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROPO="${PROPO_BIN:-$ROOT/bin/propo}"
OUT="$("$PROPO" backup --json)"
echo "$OUT"
ARCHIVE="$(node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).archive))' <<<"$OUT")"
exec "$PROPO" backup verify "$ARCHIVE"
