/*
 * A fake libnvidia-ml.so.1 for GpuProbe tests: the real NVML symbols, returning codes fixed at
 * compile time (-DINIT_CODE=18, -DUTILIZATION_CODE=15, ...). NVML lists the GPUs in the reverse of
 * the fake CUDA's order: CUDA ordinal 0 (bus 0x41) is NVML index 1, so only a caller that matches by
 * PCI bus id reads the right GPU. GPU utilization is 40 + 10 x NVML index, memory 5 + index.
 */
#include <stdio.h>
#include <string.h>

#ifndef INIT_CODE
#define INIT_CODE 0
#endif
#ifndef HANDLE_CODE
#define HANDLE_CODE 0
#endif
#ifndef UTILIZATION_CODE
#define UTILIZATION_CODE 0
#endif
#ifndef DEVICE_COUNT
#define DEVICE_COUNT 2
#endif

typedef struct { unsigned int index; } fake_device;
typedef struct { unsigned int gpu; unsigned int memory; } fake_utilization;

static fake_device devices[DEVICE_COUNT > 0 ? DEVICE_COUNT : 1];

enum { F_INIT, F_SHUTDOWN, F_COUNT, F_BY_INDEX, F_BY_BUS, F_NAME, F_UTILIZATION, F_ERROR, F_LAST };
static const char *const FUNCTIONS[F_LAST] = {
  "nvmlInit_v2", "nvmlShutdown", "nvmlDeviceGetCount_v2", "nvmlDeviceGetHandleByIndex_v2",
  "nvmlDeviceGetHandleByPciBusId_v2", "nvmlDeviceGetName", "nvmlDeviceGetUtilizationRates",
  "nvmlErrorString"
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

int nvmlInit_v2(void) {
  calls[F_INIT]++;
  for (unsigned int i = 0; i < DEVICE_COUNT; i++) {
    devices[i].index = i;
  }
  return INIT_CODE;
}

int nvmlShutdown(void) {
  calls[F_SHUTDOWN]++;
  return 0;
}

int nvmlDeviceGetCount_v2(unsigned int *count) {
  calls[F_COUNT]++;
  *count = DEVICE_COUNT;
  return 0;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, fake_device **device) {
  calls[F_BY_INDEX]++;
  if (HANDLE_CODE != 0) {
    return HANDLE_CODE;
  }
  if (index >= DEVICE_COUNT) {
    return 2;
  }
  *device = &devices[index];
  return 0;
}

int nvmlDeviceGetHandleByPciBusId_v2(const char *bus_id, fake_device **device) {
  calls[F_BY_BUS]++;
  if (HANDLE_CODE != 0) {
    return HANDLE_CODE;
  }
  unsigned int domain, bus, slot, function;
  if (sscanf(bus_id, "%x:%x:%x.%x", &domain, &bus, &slot, &function) != 4) {
    return 2;
  }
  int cuda_ordinal = (int) bus - 0x41;
  if (cuda_ordinal < 0 || cuda_ordinal >= DEVICE_COUNT) {
    return 6;
  }
  *device = &devices[DEVICE_COUNT - 1 - cuda_ordinal];
  return 0;
}

int nvmlDeviceGetName(fake_device *device, char *name, unsigned int length) {
  calls[F_NAME]++;
  snprintf(name, length, "Fake NVML GPU %u", device->index);
  return 0;
}

int nvmlDeviceGetUtilizationRates(fake_device *device, fake_utilization *utilization) {
  calls[F_UTILIZATION]++;
  if (UTILIZATION_CODE != 0) {
    return UTILIZATION_CODE;
  }
  utilization->gpu = 40 + 10 * device->index;
  utilization->memory = 5 + device->index;
  return 0;
}

const char *nvmlErrorString(int result) {
  calls[F_ERROR]++;
  switch (result) {
    case 15: return "GPU is lost";
    case 18: return "Driver/library version mismatch";
    default: return "Unknown Error";
  }
}
