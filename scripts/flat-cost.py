#!/usr/bin/env python3
"""Per-job cost of the CLI at 100, 1,000 and 10,000 one-page jobs, in one report.

For each size N it generates N distinct one-page PDFs, then measures, each on a fresh data root:
`convert` of the folder (submit and conversion interleaved, as users run it), and the same jobs
as a backlog: `submit` of all N, then `worker --until-idle` draining them (each claim then finds a
queue of up to N jobs). Wall and CPU time (user + system of the process) per job.

  scripts/flat-cost.py [--launcher cli/target/convertalot] [--sizes 100,1000,10000] [--json FILE]
"""
import argparse
import json
import os
import platform
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timing import timed  # noqa: E402


def one_page_pdf(text):
    content = ("BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--launcher", default="cli/target/convertalot")
    p.add_argument("--sizes", default="100,1000,10000")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--json")
    a = p.parse_args()
    cli = [os.path.abspath(a.launcher)]
    rows = []
    for n in [int(x) for x in a.sizes.split(",")]:
        work = tempfile.mkdtemp(prefix="convertalot-flat-")
        try:
            pdfs = os.path.join(work, "pdfs")
            os.makedirs(pdfs)
            for i in range(n):
                with open(os.path.join(pdfs, "doc%05d.pdf" % i), "wb") as f:
                    f.write(one_page_pdf("Document %d of %d: a one-page job." % (i, n)))
            row = {"jobs": n}
            wall, cpu = timed(cli + ["convert", pdfs, "--out", os.path.join(work, "out"),
                                     "--data-root", os.path.join(work, "convert-root"),
                                     "--policy", "cpu_only", "--workers", str(a.workers)])
            row["convert"] = {"wall_ms_per_job": round(wall * 1000 / n, 3), "cpu_ms_per_job": round(cpu * 1000 / n, 3)}
            root = os.path.join(work, "backlog-root")
            wall, cpu = timed(cli + ["submit", pdfs, "--data-root", root, "--policy", "cpu_only"])
            row["submit"] = {"wall_ms_per_job": round(wall * 1000 / n, 3), "cpu_ms_per_job": round(cpu * 1000 / n, 3)}
            wall, cpu = timed(cli + ["worker", "--data-root", root, "--workers", str(a.workers), "--until-idle"])
            row["worker"] = {"wall_ms_per_job": round(wall * 1000 / n, 3), "cpu_ms_per_job": round(cpu * 1000 / n, 3)}
            rows.append(row)
            print(json.dumps(row, sort_keys=True), file=sys.stderr)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    report = {
        "launcher": a.launcher,
        "workers": a.workers,
        "sizes": rows,
        "machine": {"cores": os.cpu_count(), "platform": platform.platform()},
    }
    text = json.dumps(report, indent=2, sort_keys=True)
    print(text)
    if a.json:
        with open(a.json, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
