"""A fake of torch for the worker's tests: one CUDA device unless FAKE_TORCH_CUDA=0."""

from torch import backends, cuda, version  # noqa: F401

__version__ = "2.8.0+cu128"
