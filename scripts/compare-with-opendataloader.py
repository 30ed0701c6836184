#!/usr/bin/env python3
"""End-to-end wall time of `convertalot convert` against opendataloader-pdf, as a new user runs them.

Whole CLI processes (JVM start included), alternating which system goes first in each round, a
fresh output folder (and for ours a fresh data root, so nothing is answered from an earlier run)
every time; the median of N rounds per system and the ratio ours / theirs of the medians.

  scripts/compare-with-opendataloader.py --ours cli/target/convertalot.jar \
      --theirs /path/to/opendataloader-pdf-cli.jar --corpus ../shared/bench/dpbench-dev/pdfs \
      --runs 5 [--ours-arg=--option=pdfbox.ocr=off] [--ours-launcher cli/target/convertalot]
      [--stamped-copies 10] [--json FILE]

--stamped-copies N converts a corpus N times the size instead: N copies of every PDF, each with a
comment line appended after its end (`% convertalot bench copy K`), so that every file is distinct
(no converter can answer a copy from an earlier one) while its pages stay the same.

opendataloader-pdf's jar is in the npm package's lib/ (`npm pack @opendataloader/pdf@2.5.11`); it
runs as `java -jar JAR -f markdown --image-output off -q -o OUT DIR`, its default options.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timing import timed  # noqa: E402


def count_md(folder):
    return sum(1 for _, _, files in os.walk(folder) for f in files if f.endswith(".md"))


def stamped_corpus(corpus, copies, into):
    names = sorted(f for f in os.listdir(corpus) if f.lower().endswith(".pdf"))
    for k in range(copies):
        for name in names:
            with open(os.path.join(corpus, name), "rb") as f:
                data = f.read()
            stem = name[:-4]
            with open(os.path.join(into, "%s-%d.pdf" % (stem, k)), "wb") as f:
                f.write(data + b"\n% convertalot bench copy " + str(k).encode() + b"\n")
    return into


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ours", required=True)
    p.add_argument("--theirs", required=True)
    p.add_argument("--corpus", required=True, help="a folder of PDFs, or one PDF")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--java", default="java")
    p.add_argument("--ours-arg", action="append", default=[])
    p.add_argument("--ours-launcher", help="run ours with this launcher script instead of java -jar")
    p.add_argument("--stamped-copies", type=int, default=0)
    p.add_argument("--json")
    a = p.parse_args()
    stamped = None
    source_corpus = os.path.abspath(a.corpus)
    if a.stamped_copies > 0:
        stamped = tempfile.mkdtemp(prefix="convertalot-e2e-corpus-")
        a.corpus = stamped_corpus(a.corpus, a.stamped_copies, stamped)
    walls = {"ours": [], "theirs": []}
    cpus = {"ours": [], "theirs": []}
    for r in range(a.runs):
        order = ["ours", "theirs"] if r % 2 == 0 else ["theirs", "ours"]
        for system in order:
            work = tempfile.mkdtemp(prefix="convertalot-e2e-")
            out = os.path.join(work, "out")
            try:
                if system == "ours":
                    launcher = [a.ours_launcher] if a.ours_launcher else [a.java, "-jar", a.ours]
                    cmd = launcher + ["convert", a.corpus, "--out", out,
                                      "--data-root", os.path.join(work, "data"),
                                      "--policy", "cpu_only"] + a.ours_arg
                else:
                    cmd = [a.java, "-jar", a.theirs, "-f", "markdown", "--image-output", "off",
                           "-q", "-o", out, a.corpus]
                wall, cpu = timed(cmd)
                walls[system].append(wall)
                cpus[system].append(cpu)
                print("round %d %-6s %.2f s wall, %.2f s CPU, %d files" % (r + 1, system, wall, cpu, count_md(out)),
                      file=sys.stderr)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    if stamped:
        shutil.rmtree(stamped, ignore_errors=True)
    med = {s: statistics.median(v) for s, v in walls.items()}
    report = {
        "corpus": source_corpus,
        "stamped_copies": a.stamped_copies,
        "ours_launcher": a.ours_launcher,
        "runs": a.runs,
        "ours_args": a.ours_arg,
        "median_wall_s": {s: round(v, 3) for s, v in sorted(med.items())},
        "median_cpu_s": {s: round(statistics.median(v), 3) for s, v in sorted(cpus.items())},
        "wall_s": {s: [round(x, 3) for x in v] for s, v in sorted(walls.items())},
        "ratio_ours_to_theirs": round(med["ours"] / med["theirs"], 3),
        "machine": {"cores": os.cpu_count(), "platform": platform.platform(),
                    "java": subprocess.run([a.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]},
    }
    text = json.dumps(report, indent=2, sort_keys=True)
    print(text)
    if a.json:
        with open(a.json, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
