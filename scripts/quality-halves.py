#!/usr/bin/env python3
"""Scores on dpbench-dev's two halves (last digit of the document id even / odd).

Usage: convertalot eval --ground-truth GT --predictions OUT | scripts/quality-halves.py
Reads eval's per-document lines (id, overall, NID, TEDS, MHS; "-" where a metric does not apply)
and prints each half's means next to the whole set's, so a rule's effect can be read on both.
"""
import sys

METRICS = ["overall", "NID", "TEDS", "MHS"]
rows = []
for line in sys.stdin:
    parts = line.split()
    if len(parts) == 5 and parts[0].isdigit():
        rows.append((parts[0], [None if p == "-" else float(p) for p in parts[1:]]))
if not rows:
    sys.exit("no per-document lines on standard input")


def means(selected):
    out = []
    for i in range(len(METRICS)):
        values = [v[i] for _, v in selected if v[i] is not None]
        out.append(sum(values) / len(values) if values else float("nan"))
    return out, len(selected)


print(f"{'set':<6}{'docs':>5}" + "".join(f"{m:>9}" for m in METRICS))
for name, keep in [("all", lambda d: True), ("even", lambda d: int(d[-1]) % 2 == 0),
                   ("odd", lambda d: int(d[-1]) % 2 == 1)]:
    values, count = means([r for r in rows if keep(r[0])])
    print(f"{name:<6}{count:>5}" + "".join(f"{v:>9.4f}" for v in values))
low = min(rows, key=lambda r: r[1][0])
print(f"lowest page: {low[0]} {low[1][0]:.4f}")
