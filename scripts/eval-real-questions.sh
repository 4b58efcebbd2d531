#!/usr/bin/env bash
# Runs the real-questions test set end to end, offline: extractive answers, then answers from the
# quoting LLM (src/testing/quoting-llm-script.ts) on the scripted local server, in the real OpenAI
# wire format. Usage: scripts/eval-real-questions.sh [--data-dir DIR] [other bin/propo eval flags]
# (use a fresh --data-dir per code version: the scratch index is keyed by settings, not code).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
URL_FILE="$(mktemp)"
node --import ./bin/register.mjs src/testing/start-quoting-llm.ts >"$URL_FILE" &
LLM_PID=$!
trap 'kill "$LLM_PID" 2>/dev/null || true; rm -f "$URL_FILE"' EXIT
for _ in $(seq 1 100); do [ -s "$URL_FILE" ] && break; sleep 0.1; done
URL="$(head -n 1 "$URL_FILE")"
[ -n "$URL" ] || { echo "the quoting LLM did not start" >&2; exit 1; }
LLM_PROVIDER=openai LLM_BASE_URL="$URL" LLM_MODEL=quoting-llm LLM_API_KEY=unused \
  bin/propo eval --dataset eval/datasets/real-questions "$@"
