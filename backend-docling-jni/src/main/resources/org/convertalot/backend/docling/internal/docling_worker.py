#!/usr/bin/env python3
"""Convert-a-Lot's Docling worker: converts PDFs to Markdown with Docling on one GPU.

Protocol 1 (docs/docling.md): one JSON object per line. Requests arrive on stdin, replies leave on
stdout, logs go to stderr. Requests: ``hello``, ``ping``, ``convert``, ``shutdown``. The worker
exits on ``shutdown`` and on the end of stdin.

Written against Docling's own API (>= 2.104, where an explicit CUDA device that is missing raises
AcceleratorDeviceNotAvailableError instead of running on the CPU): DocumentConverter,
PdfFormatOption, PdfPipelineOptions (ThreadedPdfPipelineOptions where present),
AcceleratorOptions, ``convert(source, raises_on_error=False, max_num_pages=..., max_file_size=...,
page_range=...)``, ConversionStatus, ``res.errors``, ``res.input.page_count`` and
``res.document.export_to_markdown()``.

Progress: Docling has no per-page callback, so the worker converts in batches of ``page_batch``
pages with ``page_range`` and reports progress after each batch; the batches' Markdown is joined
with a blank line. The converter (and its loaded models) is kept across batches and documents.

Page selections: ``page_range`` takes one contiguous range, so each range of the request's
``pages`` ("1,3,5-7") is converted in its own batches; pages past the document's end are left out,
and a selection starting past it fails as ``pages_out_of_range``. The result echoes the selection
in ``pages_selected``, which tells the engine the worker honoured it.
"""

import gc
import json
import logging
import os
import platform
import re
import sys
import time
import traceback

PROTOCOL = 1
MIN_DOCLING = (2, 104)
CUDA_DEVICE = re.compile(r"^cuda(:\d+)?$")

# Set before Docling or huggingface_hub is imported: models come from artifacts_path only.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

LOG = logging.getLogger("convertalot.docling_worker")


def _protocol_stream():
    """Keeps the real stdout for the protocol and points fd 1 and sys.stdout at stderr.

    Docling, torch and native libraries print; nothing but protocol lines may reach the engine.
    """
    fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(fd, "w", encoding="utf-8", buffering=1)


OUT = None


def send(message):
    OUT.write(json.dumps(message, ensure_ascii=False, separators=(",", ":")) + "\n")
    OUT.flush()


class Failure(Exception):
    """A typed failure the engine maps onto its error codes."""

    def __init__(self, code, reason, message, retryable=False, details=None):
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message
        self.retryable = retryable
        self.details = details or {}


class DeviceLog(logging.Handler):
    """Collects the devices Docling decided on ("Accelerator device: 'cuda:0'")."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.devices = []

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad log record must not break the worker
            return
        match = re.search(r"Accelerator device: '([^']+)'", message)
        if match:
            self.devices.append(match.group(1))


DEVICE_LOG = DeviceLog()


def version_tuple(text):
    parts = []
    for piece in re.split(r"[.+-]", text or ""):
        if not piece.isdigit():
            break
        parts.append(int(piece))
    return tuple(parts)


def hello():
    info = {
        "type": "hello",
        "protocol": PROTOCOL,
        "pid": os.getpid(),
        "python": platform.python_version(),
        "executable": sys.executable,
        "docling": None,
        "torch": None,
        "cuda": None,
        "hip": None,
        "cuda_available": False,
        "devices": [],
    }
    try:
        from importlib.metadata import version

        info["docling"] = version("docling")
        from docling.document_converter import DocumentConverter  # noqa: F401 - the import is the check
    except Exception as e:  # noqa: BLE001 - reported to the engine's probe
        info["docling_error"] = f"{type(e).__name__}: {e}"
    else:
        if version_tuple(info["docling"]) < MIN_DOCLING:
            info["docling_error"] = (
                f"docling {info['docling']} is older than "
                f"{'.'.join(map(str, MIN_DOCLING))}, which silently runs on the CPU when CUDA is missing"
            )
    try:
        import torch

        info["torch"] = torch.__version__
        info["cuda"] = torch.version.cuda
        info["hip"] = getattr(torch.version, "hip", None)
        available = bool(torch.backends.cuda.is_built() and torch.cuda.is_available())
        info["cuda_available"] = available
        if available:
            for index in range(torch.cuda.device_count()):
                props = torch.cuda.get_device_properties(index)
                info["devices"].append(
                    {"index": index, "name": props.name, "total_memory": int(props.total_memory)}
                )
    except Exception as e:  # noqa: BLE001 - reported to the engine's probe
        info["torch_error"] = f"{type(e).__name__}: {e}"
    return info


class Converters:
    """One DocumentConverter at a time, rebuilt only when the options that shape it change."""

    def __init__(self):
        self.key = None
        self.converter = None
        self.devices = []

    def get(self, request, device):
        key = (
            request.get("ocr", "auto"),
            request.get("table_mode", "accurate"),
            request.get("artifacts_path"),
            device,
        )
        if key == self.key:
            return self.converter
        self.release()

        from docling.datamodel.accelerator_options import AcceleratorOptions
        from docling.datamodel.base_models import InputFormat
        from docling.datamodel.pipeline_options import TableFormerMode, TableStructureOptions
        from docling.document_converter import DocumentConverter, PdfFormatOption

        try:
            from docling.datamodel.pipeline_options import (
                ThreadedPdfPipelineOptions as Options,
            )
        except ImportError:
            from docling.datamodel.pipeline_options import PdfPipelineOptions as Options

        ocr, table_mode, artifacts_path, _ = key
        options = Options()
        if artifacts_path:
            options.artifacts_path = artifacts_path
        options.accelerator_options = AcceleratorOptions(device=device)
        options.do_ocr = ocr != "off"
        options.do_table_structure = table_mode != "off"
        if table_mode != "off":
            options.table_structure_options = TableStructureOptions(
                mode=TableFormerMode.FAST if table_mode == "fast" else TableFormerMode.ACCURATE
            )
        converter = DocumentConverter(
            format_options={InputFormat.PDF: PdfFormatOption(pipeline_options=options)}
        )
        DEVICE_LOG.devices = []
        try:
            converter.initialize_pipeline(InputFormat.PDF)
        except Exception as e:
            raise classify_init_error(e) from e
        self.key, self.converter, self.devices = key, converter, list(DEVICE_LOG.devices)
        return converter

    def release(self):
        if self.converter is not None:
            self.key, self.converter, self.devices = None, None, []
            gc.collect()
            try:
                import torch

                if torch.cuda.is_available():
                    torch.cuda.empty_cache()
            except Exception:  # noqa: BLE001 - best effort
                pass


def classify_init_error(e):
    name = type(e).__name__
    if name == "AcceleratorDeviceNotAvailableError":
        return Failure("gpu_not_available", "device_not_available", str(e))
    if isinstance(e, (FileNotFoundError, OSError)) or "artifacts" in str(e).lower():
        return Failure(
            "backend_unavailable",
            "models_missing",
            f"Docling could not load its models: {name}: {e}",
        )
    return Failure("backend_failed", "model_load_failed", f"{name}: {e}", retryable=True)


CONVERTERS = Converters()


def progress(job_id, phase, done, total):
    send(
        {"type": "progress", "job_id": job_id, "phase": phase, "pages_done": done, "pages_total": total}
    )


def selected_ranges(text):
    """The request's page selection as (first, last) pairs, last None for "to the end".

    The engine sends the canonical form of its PageSelection ("1,3,5-7", "10-": sorted, merged,
    from 1) and nothing for every page.
    """
    if not text:
        return [(1, None)]
    ranges = []
    for item in text.split(","):
        first, dash, last = item.partition("-")
        ranges.append((int(first), (int(last) if last else None) if dash else int(first)))
    return ranges


def selected_count(ranges, page_count):
    return sum(min(last or page_count, page_count) - first + 1 for first, last in ranges if first <= page_count)


def rejection(res, max_pages, max_bytes, start=1, selection=None):
    """Maps an input Docling rejected (res.input.valid is False, or the status SKIPPED).

    Docling checks the page limit against the whole document, then whether page_range starts past
    its last page; the first range asked for is the selection's lowest, so past the end means no
    selected page is in the document.
    """
    messages = "; ".join(e.error_message for e in (res.errors or []))
    page_count = getattr(res.input, "page_count", 0) or 0
    filesize = getattr(res.input, "filesize", None) or 0
    details = {"pages": str(page_count), "docling_errors": messages}
    if page_count > max_pages:
        details["max_pages"] = str(max_pages)
        return Failure(
            "invalid_input",
            "too_many_pages",
            f"the PDF has {page_count} pages, more than the limit of {max_pages}",
            details=details,
        )
    if 0 < page_count < start:
        details["selection"] = selection or f"{start}-"
        return Failure(
            "invalid_request",
            "pages_out_of_range",
            f"the PDF has {page_count} pages, none of them in the selection {details['selection']}",
            details=details,
        )
    if filesize > max_bytes:
        details["max_bytes"] = str(max_bytes)
        return Failure("invalid_input", "too_large", f"the PDF has {filesize} bytes", details=details)
    lowered = messages.lower()
    if "password" in lowered or "encrypt" in lowered:
        return Failure("invalid_input", "encrypted", messages or "encrypted PDF", details=details)
    if res.status.value == "skipped":
        return Failure("invalid_input", "not_a_pdf", messages or "not a PDF", details=details)
    return Failure("invalid_input", "corrupt", messages or "Docling could not parse the PDF", details=details)


def has_timeout(res):
    return any(getattr(e, "category", None) is not None and str(getattr(e.category, "value", e.category)) == "timeout"
               for e in (res.errors or []))


def set_soft_timeout(converter, seconds):
    """Docling's own document_timeout (soft: checked between page batches), set per document.

    The converter caches its pipeline under a hash of the pipeline options, so changing the shared
    options object would build a new pipeline and load the models again. The pipeline gets its own
    copy once; only that copy's document_timeout changes. Best effort: the engine's hard deadline
    (a process kill) does not depend on it.
    """
    try:
        for pipeline in converter.initialized_pipelines.values():
            shared = [f.pipeline_options for f in converter.format_to_options.values()]
            if any(pipeline.pipeline_options is s for s in shared):
                pipeline.pipeline_options = pipeline.pipeline_options.model_copy()
            pipeline.pipeline_options.document_timeout = seconds
    except Exception:  # noqa: BLE001 - internals moved: rely on the hard deadline
        LOG.debug("could not set document_timeout", exc_info=True)


def convert(request):
    job_id = request.get("job_id")
    device = request.get("device")
    gpu_required = bool(request.get("gpu_required", True))
    max_pages = int(request.get("max_pages") or sys.maxsize)
    max_bytes = int(request.get("max_bytes") or sys.maxsize)
    batch = max(1, int(request.get("page_batch") or 8))
    started = time.monotonic()
    deadline = started + float(request["timeout_s"]) if request.get("timeout_s") else None
    if gpu_required and (not isinstance(device, str) or not CUDA_DEVICE.match(device)):
        raise Failure(
            "gpu_not_available",
            "device_not_gpu",
            f"refusing device {device!r}: the request requires a GPU (cuda or cuda:N)",
        )

    import torch

    if not (torch.backends.cuda.is_built() and torch.cuda.is_available()):
        raise Failure(
            "gpu_not_available",
            "cuda_unavailable",
            f"torch {torch.__version__} (CUDA {torch.version.cuda}) reports no usable GPU",
        )
    index = int(device.split(":")[1]) if ":" in device else 0
    if index >= torch.cuda.device_count():
        raise Failure(
            "gpu_not_available",
            "device_not_available",
            f"{device} is not available: torch sees {torch.cuda.device_count()} device(s)",
        )
    torch.cuda.reset_peak_memory_stats(index)
    timings = {}

    progress(job_id, "load_models", 0, 0)
    t = time.monotonic()
    converter = CONVERTERS.get(request, device)
    timings["load_models"] = int((time.monotonic() - t) * 1000)

    progress(job_id, "convert_pages", 0, 0)
    t = time.monotonic()
    source = request["source"]
    selection = request.get("pages")
    ranges = selected_ranges(selection)
    parts, total, selected, done, warnings = [], None, None, 0, []
    for first, last in ranges:
        start = first
        while total is None or start <= total:
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise Failure("timeout", "deadline", "the document passed its deadline", retryable=True)
                set_soft_timeout(converter, remaining)
            end = start + batch - 1
            if last is not None:
                end = min(end, last)
            if total is not None:
                end = min(end, total)
            res = converter.convert(
                source,
                raises_on_error=False,
                max_num_pages=max_pages,
                max_file_size=max_bytes,
                page_range=(start, end),
            )
            status = res.status.value
            if not getattr(res.input, "valid", True) or status == "skipped":
                raise rejection(res, max_pages, max_bytes, start, selection)
            if total is None:
                total = int(getattr(res.input, "page_count", 0) or len(res.pages))
                selected = selected_count(ranges, total)
            if has_timeout(res):
                raise Failure("timeout", "document_timeout", "Docling's document_timeout fired", retryable=True)
            if status == "failure":
                messages = "; ".join(e.error_message for e in (res.errors or [])) or "conversion failed"
                raise Failure("backend_failed", "conversion_failed", messages, retryable=True)
            if status == "partial_success":
                warnings.extend(e.error_message for e in (res.errors or []))
            parts.append(res.document.export_to_markdown())
            done += min(end, total) - start + 1
            progress(job_id, "convert_pages", done, selected)
            if end >= total or (last is not None and end >= last):
                break
            start = end + 1
    timings["convert_pages"] = int((time.monotonic() - t) * 1000)

    progress(job_id, "export", done, selected)
    t = time.monotonic()
    markdown = "\n\n".join(p for p in parts if p)
    timings["export"] = int((time.monotonic() - t) * 1000)

    peak = int(torch.cuda.max_memory_allocated(index))
    decided = CONVERTERS.devices
    on_gpu = peak > 0 and all(CUDA_DEVICE.match(d) for d in decided)
    used = device if on_gpu else "cpu"
    return {
        "type": "result",
        "job_id": job_id,
        "markdown": markdown,
        "pages": done,
        "pages_selected": selection,
        "status": "partial_success" if warnings else "success",
        "warnings": warnings,
        "device": used,
        "device_name": torch.cuda.get_device_name(index) if on_gpu else "cpu",
        "decided_devices": decided,
        "torch_cuda": torch.version.cuda,
        "torch_hip": getattr(torch.version, "hip", None),
        "peak_gpu_memory_bytes": peak,
        "rss_bytes": rss_bytes(),
        "timings_ms": timings,
    }


def rss_bytes():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024
    except Exception:  # noqa: BLE001
        return 0


def error_reply(job_id, failure):
    return {
        "type": "error",
        "job_id": job_id,
        "code": failure.code,
        "reason": failure.reason,
        "message": failure.message,
        "retryable": failure.retryable,
        "details": failure.details,
    }


def handle_convert(request):
    job_id = request.get("job_id")
    try:
        send(convert(request))
    except Failure as f:
        send(error_reply(job_id, f))
    except ImportError as e:
        send(error_reply(job_id, Failure("backend_unavailable", "import_failed", f"{type(e).__name__}: {e}")))
    except Exception as e:  # noqa: BLE001 - every failure becomes a typed reply
        traceback.print_exc(file=sys.stderr)
        name = type(e).__name__
        if name == "AcceleratorDeviceNotAvailableError":
            failure = Failure("gpu_not_available", "device_not_available", str(e))
        elif name == "OutOfMemoryError" or "out of memory" in str(e).lower():
            failure = Failure("backend_failed", "out_of_memory", f"{name}: {e}", retryable=True)
        else:
            failure = Failure("backend_failed", "conversion_failed", f"{name}: {e}", retryable=True)
        send(error_reply(job_id, failure))


def main():
    global OUT
    OUT = _protocol_stream()
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("docling.utils.accelerator_utils").addHandler(DEVICE_LOG)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            request = json.loads(line)
            kind = request.get("type")
        except (ValueError, AttributeError):
            send({"type": "error", "job_id": None, "code": "backend_failed", "reason": "protocol_error",
                  "message": "not a JSON object: " + line[:200], "retryable": True, "details": {}})
            continue
        if kind == "hello":
            send(hello())
        elif kind == "ping":
            send({"type": "pong", "pid": os.getpid()})
        elif kind == "convert":
            handle_convert(request)
        elif kind == "shutdown":
            break
        else:
            send({"type": "error", "job_id": request.get("job_id"), "code": "backend_failed",
                  "reason": "protocol_error", "message": f"unknown request type {kind!r}",
                  "retryable": True, "details": {}})
    CONVERTERS.release()


if __name__ == "__main__":
    main()
