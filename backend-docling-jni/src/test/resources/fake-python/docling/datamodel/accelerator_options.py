import re
from enum import Enum


class AcceleratorDevice(str, Enum):
    AUTO = "auto"
    CPU = "cpu"
    CUDA = "cuda"


class AcceleratorOptions:
    def __init__(self, num_threads=4, device="auto"):
        if device not in {d.value for d in AcceleratorDevice} and not re.match(r"^cuda(:\d+)?$", device):
            raise ValueError("Invalid device option.")
        self.num_threads = num_threads
        self.device = device
