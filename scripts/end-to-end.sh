#!/bin/sh
# The end-to-end comparison of docs/benchmarks/end-to-end.md: the CLI (through its launcher)
# against opendataloader-pdf on the dev pages, default options and pdfbox.ocr=off, one PDF, and a
# batch 10 times larger; median of RUNS alternating rounds each. JSON reports go to OUT.
#   scripts/end-to-end.sh ODL_JAR [OUT] [RUNS]
set -eu
cd "$(dirname "$0")/.."
odl=$1
out=${2:-docs/benchmarks/end-to-end-runs}
runs=${3:-5}
pdfs=../shared/bench/dpbench-dev/pdfs
one=$pdfs/$(ls "$pdfs" | head -1)
mkdir -p "$out"
compare() {
  name=$1
  shift
  python3 scripts/compare-with-opendataloader.py --ours cli/target/convertalot.jar \
    --ours-launcher cli/target/convertalot --theirs "$odl" --runs "$runs" --json "$out/$name.json" "$@" \
    >/dev/null
  printf '%s: ours/theirs %s\n' "$name" "$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['ratio_ours_to_theirs'])" "$out/$name.json")"
}
compare dev-default --corpus "$pdfs"
compare dev-ocr-off --corpus "$pdfs" --ours-arg=--option=pdfbox.ocr=off
compare one-pdf --corpus "$one"
compare dev-x10-default --corpus "$pdfs" --stamped-copies 10
