import os

_allocated = 0


class _Props:
    name = "Fake H200"
    total_memory = 141 << 30


def is_available():
    return os.environ.get("FAKE_TORCH_CUDA", "1") != "0"


def device_count():
    return 1 if is_available() else 0


def get_device_properties(index):
    return _Props()


def get_device_name(index):
    return _Props.name


def reset_peak_memory_stats(index):
    global _allocated
    _allocated = 0


def max_memory_allocated(index):
    return _allocated


def empty_cache():
    pass
