#!/usr/bin/env bash
# Security audit of this deployment (auth, credentials, permissions, dependencies, TLS, Redis).
# Thin wrapper: all logic lives in `bin/propo security audit`. Exit 1 on a high finding.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
exec "$ROOT/bin/propo" security audit "$@"
