#!/usr/bin/env bash
# The GPU host check (docs/gpu-runbook.md, section 5), for a machine with an NVIDIA GPU, Python with
# torch and CUDA, and no Java, Docling or network. Prepare on a build machine:
#   mvn -B -DskipTests package
#   jlink --add-modules java.base,java.logging,java.management,java.naming,java.desktop,jdk.unsupported \
#         --strip-debug --no-header-files --no-man-pages --output target/gpu-check/jre
#   cp cli/target/convertalot.jar target/gpu-check/
#   cp backend-docling-jni/src/test/resources/stand_in_worker.py scripts/torch_worker.py scripts/gpu-host-check.sh target/gpu-check/
# then carry target/gpu-check to the GPU machine and run: bash gpu-host-check.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
java="$here/jre/bin/java"
jar="$here/convertalot.jar"
out="${OUT:-$here/out}"
mkdir -p "$out"
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.is_available(), torch.cuda.get_device_name(0))' | tee "$out/torch.txt"
nvidia-smi --query-gpu=index,name,driver_version,memory.total --format=csv | tee "$out/nvidia-smi.txt" || true
"$java" -jar "$jar" probe --json | tee "$out/probe.json"
# A two-page PDF, written without any PDF tool.
python3 - "$out/sample.pdf" <<'PY'
import sys
objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>"]
def page(content_obj): return "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 7 0 R >> >> /Contents %d 0 R >>" % content_obj
for i, text in enumerate(["GPU check page one", "GPU check page two"]):
    stream = "BT /F1 14 Tf 72 720 Td (%s) Tj ET" % text
    objs.append(page(4 + 2 * i))
    objs.append("<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
objs.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
out, offs = "%PDF-1.4\n", []
for i, o in enumerate(objs):
    offs.append(len(out)); out += "%d 0 obj\n%s\nendobj\n" % (i + 1, o)
x = len(out)
out += "xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + "".join("%010d 00000 n \n" % o for o in offs)
out += "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(sys.argv[1], "w").write(out)
PY
mkdir -p "$out/models"
"$java" -jar "$jar" gpu-verify --python python3 --models "$out/models" \
    --docling-worker "$here/torch_worker.py" "$out/sample.pdf" | tee "$out/gpu-verify.txt"
