# Scores this engine and every peer on dpbench-dev with `convertalot eval` and prints the table of quality.md.
# Usage: python3 docs/benchmarks/quality_table.py ../shared/bench/dpbench-dev OUT_DIR cli/target/convertalot.jar
import json, sys, subprocess, os
bench = sys.argv[1]; ours = sys.argv[2]; jar = sys.argv[3]
rows = []
def ev(name, pred):
    out = f"/tmp/eval-{name}.json"
    subprocess.run(["java","-jar",jar,"eval","--ground-truth",f"{bench}/ground-truth","--predictions",pred,"--json-file",out],check=True,stdout=subprocess.DEVNULL)
    d = json.load(open(out))
    docs = d["documents"]
    low = sum(1 for x in docs if x["scores"].get("overall") is not None and x["scores"]["overall"] < 0.30)
    mn = min(x["scores"]["overall"] for x in docs if x["scores"].get("overall") is not None)
    m = d["metrics"]["score"]
    return (name, m["overall_mean"], m["nid_mean"], m["teds_mean"], m["mhs_mean"], low, mn)
rows.append(ev("convertalot pdfbox (this engine)", ours))
peers = sorted(os.listdir(f"{bench}/peer-predictions"))
for p in peers:
    if os.path.isdir(f"{bench}/peer-predictions/{p}"):
        rows.append(ev(p, f"{bench}/peer-predictions/{p}"))
print("| engine | overall | NID | TEDS | MHS | pages < 0.30 | lowest page |")
print("|---|---|---|---|---|---|---|")
for r in [rows[0]] + sorted(rows[1:], key=lambda r: -r[1]):
    print(f"| {r[0]} | {r[1]:.4f} | {r[2]:.4f} | {r[3]:.4f} | {r[4]:.4f} | {r[5]} | {r[6]:.3f} |")
