/*
 * A fake libcuda.so.1 for GpuProbe tests: the real CUDA driver API symbols, returning codes fixed
 * at compile time (-DINIT_CODE=803, -DCOUNT_CODE=100, -DDEVICE_COUNT=0, -DOMIT_TOTAL_MEM, ...).
 * CUdevice handles are ordinal + 10, so a caller passing an ordinal where a handle belongs fails.
 * Context and memory functions exist too, only to count calls nobody should make; the test reads
 * every counter through fake_calls(name).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#ifndef INIT_CODE
#define INIT_CODE 0
#endif
#ifndef COUNT_CODE
#define COUNT_CODE 0
#endif
#ifndef DEVICE_COUNT
#define DEVICE_COUNT 2
#endif
#ifndef DRIVER_VERSION
#define DRIVER_VERSION 12040
#endif

#define STUB (INIT_CODE == 34)
#define HANDLE_OFFSET 10

enum {
  F_INIT, F_VERSION, F_COUNT, F_GET, F_NAME, F_TOTAL_MEM, F_ATTRIBUTE, F_PCI, F_ERROR_NAME,
  F_CTX_CREATE, F_PRIMARY_CTX, F_MEM_GET_INFO, F_MEM_ALLOC, F_LAST
};
static const char *const FUNCTIONS[F_LAST] = {
  "cuInit", "cuDriverGetVersion", "cuDeviceGetCount", "cuDeviceGet", "cuDeviceGetName",
  "cuDeviceTotalMem_v2", "cuDeviceGetAttribute", "cuDeviceGetPCIBusId", "cuGetErrorName",
  "cuCtxCreate_v2", "cuDevicePrimaryCtxRetain", "cuMemGetInfo_v2", "cuMemAlloc_v2"
};
static int calls[F_LAST];

int fake_calls(const char *function) {
  for (int i = 0; i < F_LAST; i++) {
    if (strcmp(FUNCTIONS[i], function) == 0) {
      return calls[i];
    }
  }
  return -1;
}

static int ordinal_of(int device) {
  int ordinal = device - HANDLE_OFFSET;
  return ordinal >= 0 && ordinal < DEVICE_COUNT ? ordinal : -1;
}

int cuInit(unsigned int flags) {
  calls[F_INIT]++;
  return flags == 0 ? INIT_CODE : 1;
}

int cuDriverGetVersion(int *version) {
  calls[F_VERSION]++;
  if (STUB) {
    return 34;
  }
  *version = DRIVER_VERSION;
  return 0;
}

int cuDeviceGetCount(int *count) {
  calls[F_COUNT]++;
  if (INIT_CODE != 0) {
    return INIT_CODE;
  }
  if (COUNT_CODE != 0) {
    return COUNT_CODE;
  }
  *count = DEVICE_COUNT;
  return 0;
}

int cuDeviceGet(int *device, int ordinal) {
  calls[F_GET]++;
  if (ordinal < 0 || ordinal >= DEVICE_COUNT) {
    return 101;
  }
  *device = ordinal + HANDLE_OFFSET;
  return 0;
}

int cuDeviceGetName(char *name, int length, int device) {
  calls[F_NAME]++;
  int ordinal = ordinal_of(device);
  if (ordinal < 0) {
    return 101;
  }
  snprintf(name, (size_t) length, "Fake CUDA GPU %d", ordinal);
  return 0;
}

#ifndef OMIT_TOTAL_MEM
int cuDeviceTotalMem_v2(size_t *bytes, int device) {
  calls[F_TOTAL_MEM]++;
  int ordinal = ordinal_of(device);
  if (ordinal < 0) {
    return 101;
  }
  /* 80 GiB and 141 GiB: more than 32 bits, as the _v2 symbol exists for. */
  *bytes = (size_t) (80 + 61 * ordinal) << 30;
  return 0;
}
#endif

int cuDeviceGetAttribute(int *value, int attribute, int device) {
  calls[F_ATTRIBUTE]++;
  int ordinal = ordinal_of(device);
  if (ordinal < 0) {
    return 101;
  }
  if (attribute == 75) {
    *value = ordinal == 0 ? 8 : 9;
  } else if (attribute == 76) {
    *value = 0;
  } else {
    return 1;
  }
  return 0;
}

int cuDeviceGetPCIBusId(char *bus_id, int length, int device) {
  calls[F_PCI]++;
  int ordinal = ordinal_of(device);
  if (ordinal < 0) {
    return 101;
  }
  snprintf(bus_id, (size_t) length, "0000:%02X:00.0", 0x41 + ordinal);
  return 0;
}

int cuGetErrorName(int error, const char **name) {
  calls[F_ERROR_NAME]++;
  switch (error) {
    case 34: *name = "CUDA_ERROR_STUB_LIBRARY"; return 0;
    case 46: *name = "CUDA_ERROR_DEVICE_UNAVAILABLE"; return 0;
    case 100: *name = "CUDA_ERROR_NO_DEVICE"; return 0;
    case 101: *name = "CUDA_ERROR_INVALID_DEVICE"; return 0;
    case 304: *name = "CUDA_ERROR_OPERATING_SYSTEM"; return 0;
    case 800: *name = "CUDA_ERROR_NOT_PERMITTED"; return 0;
    case 803: *name = "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH"; return 0;
    case 804: *name = "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE"; return 0;
    default: *name = NULL; return 1;
  }
}

/* Never to be called by the probe: they would create a context or touch device memory. */
int cuCtxCreate_v2(void **context, unsigned int flags, int device) {
  calls[F_CTX_CREATE]++;
  return 0;
}

int cuDevicePrimaryCtxRetain(void **context, int device) {
  calls[F_PRIMARY_CTX]++;
  return 0;
}

int cuMemGetInfo_v2(size_t *free_bytes, size_t *total_bytes) {
  calls[F_MEM_GET_INFO]++;
  return 0;
}

int cuMemAlloc_v2(void **pointer, size_t bytes) {
  calls[F_MEM_ALLOC]++;
  return 0;
}
