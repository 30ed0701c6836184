import logging

from docling.exceptions import AcceleratorDeviceNotAvailableError

_log = logging.getLogger(__name__)


def decide_device(accelerator_device):
    import os

    import torch

    if accelerator_device.startswith("cuda") and not torch.cuda.is_available():
        raise AcceleratorDeviceNotAvailableError("CUDA is not available in the system.")
    device = os.environ.get("FAKE_DOCLING_DEVICE") or (
        "cuda:0" if accelerator_device == "cuda" else accelerator_device
    )
    _log.info("Accelerator device: '%s'", device)
    return device
