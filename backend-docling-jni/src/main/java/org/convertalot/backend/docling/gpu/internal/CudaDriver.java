package org.convertalot.backend.docling.gpu.internal;

import java.util.Optional;

/**
 * The CUDA driver API functions the probe calls, one method per function of {@code libcuda.so.1}.
 * None of them creates a context or allocates device memory: there is deliberately no method for
 * {@code cuCtxCreate}, {@code cuDevicePrimaryCtxRetain}, {@code cuMemGetInfo} or {@code
 * cuMemAlloc}. Implemented over JNA by {@link JnaCudaDriver}, and by fakes in tests.
 *
 * <p>Any method may throw {@link LinkageError} (for example {@link UnsatisfiedLinkError} when the
 * library lacks the symbol); the probe turns that into a result.
 */
public interface CudaDriver {

  /** {@link #attribute} id of {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR}. */
  int COMPUTE_CAPABILITY_MAJOR = 75;

  /** {@link #attribute} id of {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR}. */
  int COMPUTE_CAPABILITY_MINOR = 76;

  /**
   * {@code cuInit(flags)}.
   *
   * @param flags must be 0
   * @return the {@code CUresult}
   */
  int init(int flags);

  /**
   * {@code cuDriverGetVersion(int*)}: 1000 × major + 10 × minor.
   *
   * @return the result and the version
   */
  CallResult<Integer> driverVersion();

  /**
   * {@code cuDeviceGetCount(int*)}.
   *
   * @return the result and the number of devices
   */
  CallResult<Integer> deviceCount();

  /**
   * {@code cuDeviceGet(CUdevice*, ordinal)}.
   *
   * @param ordinal the device ordinal
   * @return the result and the {@code CUdevice} handle
   */
  CallResult<Integer> device(int ordinal);

  /**
   * {@code cuDeviceGetName(char*, len, CUdevice)}.
   *
   * @param device a {@code CUdevice} from {@link #device}
   * @return the result and the name
   */
  CallResult<String> deviceName(int device);

  /**
   * {@code cuDeviceTotalMem_v2(size_t*, CUdevice)} (the {@code _v2} symbol: the unversioned one
   * tops out at 4 GiB).
   *
   * @param device a {@code CUdevice} from {@link #device}
   * @return the result and the total memory in bytes
   */
  CallResult<Long> totalMemory(int device);

  /**
   * {@code cuDeviceGetAttribute(int*, attribute, CUdevice)}.
   *
   * @param attribute the {@code CUdevice_attribute}, for example {@link #COMPUTE_CAPABILITY_MAJOR}
   * @param device a {@code CUdevice} from {@link #device}
   * @return the result and the attribute's value
   */
  CallResult<Integer> attribute(int attribute, int device);

  /**
   * {@code cuDeviceGetPCIBusId(char*, len, CUdevice)}: the bus id NVML takes to find the same GPU.
   *
   * @param device a {@code CUdevice} from {@link #device}
   * @return the result and the bus id, for example {@code 0000:3B:00.0}
   */
  CallResult<String> pciBusId(int device);

  /**
   * {@code cuGetErrorName(CUresult, const char**)}.
   *
   * @param code a {@code CUresult}
   * @return the code's name, for example {@code CUDA_ERROR_NO_DEVICE}, or empty when the library
   *     does not know it
   */
  Optional<String> errorName(int code);
}
