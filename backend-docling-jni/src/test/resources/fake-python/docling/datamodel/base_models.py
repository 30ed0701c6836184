from enum import Enum


class InputFormat(str, Enum):
    PDF = "pdf"


class ConversionStatus(str, Enum):
    PENDING = "pending"
    STARTED = "started"
    FAILURE = "failure"
    SUCCESS = "success"
    PARTIAL_SUCCESS = "partial_success"
    SKIPPED = "skipped"


class FailureCategory(str, Enum):
    POLICY = "policy"
    TIMEOUT = "timeout"
    BACKEND_FAILURE = "backend_failure"
    UNKNOWN = "unknown"


class ErrorItem:
    def __init__(self, error_message, category=FailureCategory.UNKNOWN, page_no=None):
        self.component_type = "user_input"
        self.module_name = ""
        self.error_message = error_message
        self.category = category
        self.page_no = page_no
