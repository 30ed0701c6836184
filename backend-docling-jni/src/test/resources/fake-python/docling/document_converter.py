"""DocumentConverter with Docling's signatures, converting the test kit's uncompressed PDFs."""

import os
import re
import sys
from pathlib import Path

from docling.datamodel.base_models import ConversionStatus, ErrorItem, FailureCategory, InputFormat
from docling.utils.accelerator_utils import decide_device


class PdfFormatOption:
    def __init__(self, pipeline_options=None):
        self.pipeline_options = pipeline_options


class _Pipeline:
    def __init__(self, pipeline_options):
        self.pipeline_options = pipeline_options
        self.device = decide_device(pipeline_options.accelerator_options.device)


class _Input:
    def __init__(self, path, page_count, valid, filesize):
        self.file = Path(path)
        self.page_count = page_count
        self.valid = valid
        self.filesize = filesize


class _Document:
    def __init__(self, pages):
        self.pages = pages

    def export_to_markdown(self):
        return "\n\n".join("\n\n".join(lines) for lines in self.pages)


class _Result:
    def __init__(self, status, input, errors=(), pages=(), document=None):
        self.status = status
        self.input = input
        self.errors = list(errors)
        self.pages = list(pages)
        self.document = document or _Document([])


def _pages(path):
    data = open(path, "rb").read()
    if not data.startswith(b"%PDF-"):
        return None
    pages = []
    for s in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        texts = re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", s)
        if texts:
            pages.append([re.sub(r"\\(.)", r"\1", t.decode("latin-1")) for t in texts])
    return pages


class DocumentConverter:
    def __init__(self, allowed_formats=None, format_options=None):
        self.format_to_options = dict(format_options or {})
        self.initialized_pipelines = {}

    def initialize_pipeline(self, format):
        key = (_Pipeline, str(self.format_to_options[format].pipeline_options.model_dump()))
        if key not in self.initialized_pipelines:
            self.initialized_pipelines[key] = _Pipeline(self.format_to_options[format].pipeline_options)

    def convert(self, source, headers=None, raises_on_error=True, max_num_pages=sys.maxsize,
                max_file_size=sys.maxsize, page_range=(1, sys.maxsize)):
        self.initialize_pipeline(InputFormat.PDF)
        pipeline = next(iter(self.initialized_pipelines.values()))
        size = os.path.getsize(source)
        pages = _pages(source)
        if pages is None:
            return _Result(ConversionStatus.FAILURE, _Input(source, 0, False, size),
                           [ErrorItem("The document backend could not parse the input.",
                                      FailureCategory.BACKEND_FAILURE)])
        if len(pages) > max_num_pages:
            return _Result(ConversionStatus.FAILURE, _Input(source, len(pages), False, size),
                           [ErrorItem(f"Document has {len(pages)} pages, exceeding the max_num_pages "
                                      f"limit of {max_num_pages}.", FailureCategory.POLICY)])
        if len(pages) < page_range[0]:
            return _Result(ConversionStatus.FAILURE, _Input(source, len(pages), False, size),
                           [ErrorItem(f"Document has {len(pages)} pages, fewer than the requested "
                                      f"page_range start {page_range[0]}.", FailureCategory.POLICY)])
        if os.environ.get("FAKE_DOCLING_FAIL"):
            return _Result(ConversionStatus.FAILURE, _Input(source, len(pages), True, size),
                           [ErrorItem("Pipeline failed", FailureCategory.UNKNOWN)])
        start, end = page_range
        chosen = pages[start - 1:end]
        if pipeline.device.startswith("cuda"):
            import torch

            torch.cuda._allocated += 1 << 20
        return _Result(ConversionStatus.SUCCESS, _Input(source, len(pages), True, size),
                       pages=chosen, document=_Document(chosen))
