#!/usr/bin/env bash
# Converts dpbench-dev with the packaged CLI (cli/target/convertalot) on the CPU policy, scores it
# with eval, and prints the per-document scores and both halves' means.
# Usage: scripts/quality-dev.sh OUT_DIR [more convert options, e.g. --option ocr=off]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/../shared/bench/dpbench-dev"
out=${1:?usage: scripts/quality-dev.sh OUT_DIR [convert options]}
shift
rm -rf "$out" "$out.data"
"$root/cli/target/convertalot" convert "$bench/pdfs" --out "$out" --data-root "$out.data" \
  --policy cpu_only "$@" >/dev/null 2>&1
"$root/cli/target/convertalot" eval --ground-truth "$bench/ground-truth" --predictions "$out" \
  | tee "$out.eval" | "$root/scripts/quality-halves.py"
