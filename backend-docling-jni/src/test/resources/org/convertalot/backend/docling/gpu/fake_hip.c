/*
 * A fake libamdhip64.so for GpuProbe tests: the real HIP symbols the probe binds, with the
 * device count's code fixed at compile time (-DCOUNT_CODE=100, -DCOUNT_CODE=35).
 */
#include <stddef.h>
#include <stdio.h>

#ifndef COUNT_CODE
#define COUNT_CODE 0
#endif
#ifndef DEVICE_COUNT
#define DEVICE_COUNT 1
#endif

int hipGetDeviceCount(int *count) {
  if (COUNT_CODE != 0) {
    return COUNT_CODE;
  }
  *count = DEVICE_COUNT;
  return 0;
}

int hipRuntimeGetVersion(int *version) {
  *version = 60140092; /* 6.1.40092 */
  return 0;
}

int hipDeviceGetName(char *name, int length, int device) {
  if (device < 0 || device >= DEVICE_COUNT) {
    return 101;
  }
  snprintf(name, (size_t) length, "Fake Instinct %d", device);
  return 0;
}

int hipDeviceTotalMem(size_t *bytes, int device) {
  if (device < 0 || device >= DEVICE_COUNT) {
    return 101;
  }
  *bytes = (size_t) 192 << 30;
  return 0;
}

int hipDeviceComputeCapability(int *major, int *minor, int device) {
  *major = 9;
  *minor = 4;
  return 0;
}

const char *hipGetErrorName(int error) {
  switch (error) {
    case 35: return "hipErrorInsufficientDriver";
    case 100: return "hipErrorNoDevice";
    default: return "hipErrorUnknown";
  }
}
