#!/usr/bin/env python3
"""A stand-in for the Docling worker: speaks protocol 1 without Docling, torch or a GPU.

It "converts" the uncompressed PDFs the test kit writes: each content stream with text is a page,
its (...) Tj strings are the page's lines. A page whose text starts with a directive misbehaves
when the conversion reaches it:

  @crash          exit(3) after writing to stderr (once per worker start with @crash-once,
                  remembered in $STANDIN_STATE_DIR)
  @hang           stop answering (the process keeps running)
  @stall          keep sending the same progress, never moving on
  @garbage        write a line that is not JSON on the protocol stream
  @cpu            report the CPU as the device used
  @grow           allocate and touch 96 MiB, kept until the worker exits
  @ignore-cancel  ignore SIGTERM, then hang
  @env            the page's Markdown lists the worker's pinning and offline settings
  @gpu-lost       reply gpu_not_available, as Docling does when CUDA is missing

A convert request's "pages" (the engine's canonical page selection, "1,3,5-7" or "10-") picks the
pages converted, echoed in the result's "pages_selected" as the bundled worker does
(STANDIN_IGNORE_PAGES=1: ignored and not echoed, as by a worker written before selections).

STANDIN_HELLO changes the hello reply: no-docling, old-docling, cpu-torch, no-cuda, garbage,
crash. STANDIN_STDOUT_NOISE=1 prints to the real stdout at start (the worker must not).
"""

import json
import os
import re
import signal
import sys
import time

MIB = 1 << 20
KEPT = []


def out(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def log(text):
    sys.stderr.write("standin[%d]: %s\n" % (os.getpid(), text))
    sys.stderr.flush()


def hello():
    mode = os.environ.get("STANDIN_HELLO", "")
    if mode == "garbage":
        sys.stdout.write("Loading Docling... not JSON\n")
        sys.stdout.flush()
        return None
    if mode == "crash":
        log("crashing before hello")
        sys.exit(5)
    info = {
        "type": "hello",
        "protocol": 1,
        "pid": os.getpid(),
        "python": "3.11.0",
        "executable": sys.executable,
        "docling": "2.121.0",
        "torch": "2.8.0+cu128",
        "cuda": "12.8",
        "hip": None,
        "cuda_available": True,
        "devices": [{"index": 0, "name": "Stand-in GPU", "total_memory": 80 * 1024 * MIB}],
    }
    if mode == "no-docling":
        info["docling"] = None
        info["docling_error"] = "ModuleNotFoundError: No module named 'docling'"
    elif mode == "old-docling":
        info["docling"] = "2.90.0"
        info["docling_error"] = "docling 2.90.0 is older than 2.104"
    elif mode == "cpu-torch":
        info.update(torch="2.8.0+cpu", cuda=None, cuda_available=False, devices=[])
    elif mode == "no-cuda":
        info.update(cuda_available=False, devices=[])
    return info


def pages_of(path):
    data = open(path, "rb").read()
    streams = re.findall(rb"stream\r?\n(.*?)endstream", data, re.S)
    pages = []
    for s in streams:
        texts = [t.decode("latin-1") for t in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", s)]
        if texts:
            pages.append([re.sub(r"\\(.)", r"\1", t) for t in texts])
    declared = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    return pages, max(declared, len(pages))


def selected(selection, number):
    """Whether page number is in the canonical selection ("1,3,5-7", "10-"; None: every page)."""
    if not selection:
        return True
    for item in selection.split(","):
        first, dash, last = item.partition("-")
        end = (int(last) if last else number) if dash else int(first)
        if int(first) <= number <= end:
            return True
    return False


def convert(req):
    job = req["job_id"]
    device = req.get("device")
    if req.get("gpu_required", True) and not re.match(r"^cuda(:\d+)?$", str(device)):
        return error(job, "gpu_not_available", "device_not_gpu", "refusing device %r" % device)
    pages, count = pages_of(req["source"])
    if count > int(req.get("max_pages", 1 << 30)):
        return error(job, "invalid_input", "too_many_pages",
                     "the PDF has %d pages, more than the limit of %d" % (count, req["max_pages"]),
                     {"pages": str(count), "max_pages": str(req["max_pages"])})
    # STANDIN_IGNORE_PAGES=1 plays a worker script written before page selections.
    selection = None if os.environ.get("STANDIN_IGNORE_PAGES") else req.get("pages")
    chosen = [n for n in range(1, len(pages) + 1) if selected(selection, n)]
    if not chosen:
        return error(job, "invalid_request", "pages_out_of_range",
                     "the PDF has %d pages, none of them in the selection %s" % (count, selection),
                     {"pages": str(count), "selection": str(selection)})
    total = len(chosen)
    out({"type": "progress", "job_id": job, "phase": "load_models", "pages_done": 0, "pages_total": 0})
    out({"type": "progress", "job_id": job, "phase": "convert_pages", "pages_done": 0, "pages_total": total})
    parts = []
    on_cpu = False
    for done, number in enumerate(chosen, start=1):
        lines = pages[number - 1]
        first = lines[0].strip()
        if first == "@crash" or (first == "@crash-once" and not crashed_before()):
            log("crashing on purpose at page %d" % number)
            os._exit(3)
        if first == "@hang":
            log("hanging at page %d" % number)
            while True:
                time.sleep(3600)
        if first == "@ignore-cancel":
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            log("ignoring SIGTERM, hanging at page %d" % number)
            while True:
                time.sleep(3600)
        if first == "@stall":
            log("stalling at page %d" % number)
            while True:
                out({"type": "progress", "job_id": job, "phase": "convert_pages",
                     "pages_done": done - 1, "pages_total": total})
                time.sleep(0.05)
        if first == "@garbage":
            sys.stdout.write("Some library printed this\n")
            sys.stdout.flush()
        if first == "@cpu":
            on_cpu = True
        if first == "@grow":
            block = bytearray(96 * MIB)
            for i in range(0, len(block), 4096):
                block[i] = 1
            KEPT.append(block)
        if first == "@gpu-lost":
            return error(job, "gpu_not_available", "device_not_available", "CUDA is not available in the system.")
        if first == "@env":
            lines = ["CUDA_VISIBLE_DEVICES=%s" % os.environ.get("CUDA_VISIBLE_DEVICES"),
                     "HF_HUB_OFFLINE=%s" % os.environ.get("HF_HUB_OFFLINE"),
                     "artifacts_path=%s" % req.get("artifacts_path"),
                     "device=%s" % device]
        parts.append("\n\n".join(lines))
        out({"type": "progress", "job_id": job, "phase": "convert_pages", "pages_done": done, "pages_total": total})
    out({"type": "progress", "job_id": job, "phase": "export", "pages_done": total, "pages_total": total})
    out({
        "type": "result",
        "job_id": job,
        "markdown": "\n\n".join(parts) + "\n",
        "pages": total,
        "pages_selected": selection,
        "status": "success",
        "warnings": [],
        "device": "cpu" if on_cpu else device,
        "device_name": "cpu" if on_cpu else "Stand-in GPU",
        "decided_devices": ["cpu" if on_cpu else device],
        "torch_cuda": "12.8",
        "torch_hip": None,
        "peak_gpu_memory_bytes": 0 if on_cpu else 123456789,
        "rss_bytes": rss_bytes(),
        "timings_ms": {"load_models": 0, "convert_pages": 1, "export": 0},
    })


def rss_bytes():
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def crashed_before():
    marker = os.path.join(os.environ["STANDIN_STATE_DIR"], "crashed-once")
    if os.path.exists(marker):
        return True
    open(marker, "w").close()
    return False


def error(job, code, reason, message, details=None):
    out({"type": "error", "job_id": job, "code": code, "reason": reason, "message": message,
         "retryable": code == "backend_failed", "details": details or {}})


def main():
    if os.environ.get("STANDIN_STDOUT_NOISE"):
        sys.stdout.write("noise before any request\n")
        sys.stdout.flush()
    log("started with CUDA_VISIBLE_DEVICES=%s" % os.environ.get("CUDA_VISIBLE_DEVICES"))
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        kind = req.get("type")
        if kind == "hello":
            reply = hello()
            if reply is not None:
                out(reply)
        elif kind == "ping":
            out({"type": "pong", "pid": os.getpid()})
        elif kind == "convert":
            convert(req)
        elif kind == "shutdown":
            break
    log("exiting")


if __name__ == "__main__":
    main()
