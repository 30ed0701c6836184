import copy
from enum import Enum

from docling.datamodel.accelerator_options import AcceleratorOptions


class TableFormerMode(str, Enum):
    FAST = "fast"
    ACCURATE = "accurate"


class TableStructureOptions:
    def __init__(self, do_cell_matching=True, mode=TableFormerMode.ACCURATE):
        self.do_cell_matching = do_cell_matching
        self.mode = mode


class PdfPipelineOptions:
    def __init__(self):
        self.document_timeout = None
        self.accelerator_options = AcceleratorOptions()
        self.artifacts_path = None
        self.do_ocr = True
        self.do_table_structure = True
        self.table_structure_options = TableStructureOptions()

    def model_copy(self):
        return copy.copy(self)

    def model_dump(self):
        return dict(vars(self))


class ThreadedPdfPipelineOptions(PdfPipelineOptions):
    pass
