package org.convertalot.backend.docling.gpu.internal;

import java.util.Optional;

/**
 * The NVML functions the probe and the utilization sampler call, one method per function of {@code
 * libnvidia-ml.so.1}. NVML only adds names and utilization: it never decides whether a GPU is
 * usable. Device handles ({@code nvmlDevice_t}) are opaque and carried as their address.
 * Implemented over JNA by {@link JnaNvml}, and by fakes in tests.
 *
 * <p>Any method may throw {@link LinkageError}; callers turn that into a result.
 */
public interface Nvml {

  /**
   * GPU and memory-controller utilization over NVML's last sample period.
   *
   * @param gpuPercent percent of time a kernel was running
   * @param memoryPercent percent of time device memory was read or written
   */
  record Utilization(int gpuPercent, int memoryPercent) {}

  /**
   * {@code nvmlInit_v2()}.
   *
   * @return the {@code nvmlReturn_t}
   */
  int init();

  /**
   * {@code nvmlShutdown()}, once per successful {@link #init}.
   *
   * @return the {@code nvmlReturn_t}
   */
  int shutdown();

  /**
   * {@code nvmlDeviceGetCount_v2(unsigned*)}.
   *
   * @return the result and the number of devices
   */
  CallResult<Integer> deviceCount();

  /**
   * {@code nvmlDeviceGetHandleByIndex_v2(index, nvmlDevice_t*)}.
   *
   * @param index NVML's index (PCI bus order, blind to {@code CUDA_VISIBLE_DEVICES})
   * @return the result and the handle
   */
  CallResult<Long> handleByIndex(int index);

  /**
   * {@code nvmlDeviceGetHandleByPciBusId_v2(const char*, nvmlDevice_t*)}.
   *
   * @param pciBusId a bus id as CUDA writes it, for example {@code 0000:3B:00.0}
   * @return the result and the handle
   */
  CallResult<Long> handleByPciBusId(String pciBusId);

  /**
   * {@code nvmlDeviceGetName(nvmlDevice_t, char*, len)}.
   *
   * @param handle a handle from {@link #handleByIndex} or {@link #handleByPciBusId}
   * @return the result and the name
   */
  CallResult<String> name(long handle);

  /**
   * {@code nvmlDeviceGetUtilizationRates(nvmlDevice_t, nvmlUtilization_t*)}.
   *
   * @param handle a handle from {@link #handleByIndex} or {@link #handleByPciBusId}
   * @return the result and the utilization
   */
  CallResult<Utilization> utilization(long handle);

  /**
   * {@code nvmlErrorString(nvmlReturn_t)}.
   *
   * @param code an {@code nvmlReturn_t}
   * @return the library's description of the code, or empty when it has none
   */
  Optional<String> errorString(int code);
}
