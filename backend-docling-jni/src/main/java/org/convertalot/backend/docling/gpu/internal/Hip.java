package org.convertalot.backend.docling.gpu.internal;

import java.util.Optional;

/**
 * The HIP runtime functions the probe calls on ROCm, one method per function of {@code
 * libamdhip64.so}. No context, stream or allocation function is bound, and {@code
 * hipGetDeviceProperties} is avoided (its struct layout varies by version). A {@code hipDevice_t}
 * is the device ordinal. Implemented over JNA by {@link JnaHip}, and by fakes in tests.
 *
 * <p>Any method may throw {@link LinkageError}; the probe turns that into a result.
 */
public interface Hip {

  /**
   * {@code hipGetDeviceCount(int*)}, which also initializes the HIP runtime.
   *
   * @return the result and the number of devices
   */
  CallResult<Integer> deviceCount();

  /**
   * {@code hipRuntimeGetVersion(int*)}: major × 10⁷ + minor × 10⁵ + patch.
   *
   * @return the result and the version
   */
  CallResult<Integer> runtimeVersion();

  /**
   * {@code hipDeviceGetName(char*, len, hipDevice_t)}.
   *
   * @param device the device ordinal
   * @return the result and the name
   */
  CallResult<String> deviceName(int device);

  /**
   * {@code hipDeviceTotalMem(size_t*, hipDevice_t)}.
   *
   * @param device the device ordinal
   * @return the result and the total memory in bytes
   */
  CallResult<Long> totalMemory(int device);

  /**
   * {@code hipDeviceComputeCapability(int* major, int* minor, hipDevice_t)}.
   *
   * @param device the device ordinal
   * @return the result and the capability as {@code major.minor}
   */
  CallResult<String> computeCapability(int device);

  /**
   * {@code hipGetErrorName(hipError_t)}.
   *
   * @param code a {@code hipError_t}
   * @return the code's name, for example {@code hipErrorNoDevice}, or empty when unknown
   */
  Optional<String> errorName(int code);
}
