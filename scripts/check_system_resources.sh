#!/usr/bin/env bash
# Disk free where the data dir lives, memory, load and the RSS of running `propo serve` processes.
# Exit 0 when nothing crosses a threshold (disk 85 %, memory 90 %, load 2x CPUs, RSS 2 GB), 3 otherwise.
# Usage: scripts/check_system_resources.sh [--json]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROPO="${PROPO_BIN:-$ROOT/bin/propo}"
exec "$PROPO" ops resources "$@"
