#!/usr/bin/env python3
"""The GPU host check's worker (scripts/gpu-host-check.sh): the Docling engine's stand-in worker
(stand_in_worker.py, copied beside this file) with real torch work on the GPU in place of Docling.

Its hello reports the real torch, CUDA and devices; each conversion first runs matrix products on
cuda:0 for a few seconds (so NVML sees the GPU busy), then answers as the stand-in does, with the
real device name and the real peak GPU memory. Docling itself is not needed.
"""

import time

import torch

import stand_in_worker as base

BUSY_SECONDS = 3.0
_stand_in_hello = base.hello
_stand_in_out = base.out
_peak = {"bytes": 0}


def hello():
    info = _stand_in_hello()
    if info is None:
        return None
    available = torch.cuda.is_available()
    info.update(
        torch=torch.__version__,
        cuda=torch.version.cuda,
        hip=getattr(torch.version, "hip", None),
        cuda_available=available,
        devices=[
            {"index": i, "name": torch.cuda.get_device_name(i),
             "total_memory": torch.cuda.get_device_properties(i).total_memory}
            for i in range(torch.cuda.device_count())
        ] if available else [],
    )
    return info


def gpu_work():
    device = torch.device("cuda:0")
    a = torch.randn(4096, 4096, device=device)
    b = torch.randn(4096, 4096, device=device)
    until = time.time() + BUSY_SECONDS
    while time.time() < until:
        (a @ b).sum().item()
    torch.cuda.synchronize()
    _peak["bytes"] = torch.cuda.max_memory_allocated(device)


def out(message):
    if message.get("type") == "result" and message.get("device") != "cpu":
        message["device_name"] = torch.cuda.get_device_name(0)
        message["peak_gpu_memory_bytes"] = _peak["bytes"]
        message["torch_cuda"] = torch.version.cuda
    _stand_in_out(message)


def convert(req):
    gpu_work()
    return _stand_in_convert(req)


_stand_in_convert = base.convert
base.hello = hello
base.out = out
base.convert = convert

if __name__ == "__main__":
    base.main()
