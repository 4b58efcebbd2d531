#!/usr/bin/env bash
# Verifies every archive in the backup dir (checksums, SQLite and LanceDB open, counts match).
# Usage: scripts/validate_backups.sh [BACKUP_DIR]   (default: $BACKUP_DIR or ./backups)
# Exit 0 when all archives verify (and there is at least one), 1 otherwise.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROPO="${PROPO_BIN:-$ROOT/bin/propo}"
DIR="${1:-${BACKUP_DIR:-./backups}}"
shopt -s nullglob
archives=("$DIR"/propo_*.tar.gz)
if [ "${#archives[@]}" -eq 0 ]; then
  echo "no archives in $DIR" >&2
  exit 1
fi
bad=0
for archive in "${archives[@]}"; do
  "$PROPO" backup verify "$archive" || bad=$((bad + 1))
done
echo "${#archives[@]} archives checked, $bad bad"
[ "$bad" -eq 0 ]
