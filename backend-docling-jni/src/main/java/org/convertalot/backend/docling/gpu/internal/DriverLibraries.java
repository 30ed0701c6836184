package org.convertalot.backend.docling.gpu.internal;

/**
 * Where the probe's native bindings come from: the real libraries through JNA ({@link
 * JnaLibraries}) or fakes in tests. Each method loads on first call, remembers the outcome, and
 * never throws.
 */
public interface DriverLibraries {

  /** {@return the CUDA driver API, {@code libcuda.so.1} by default} */
  Loaded<CudaDriver> cuda();

  /** {@return NVML, {@code libnvidia-ml.so.1} by default} */
  Loaded<Nvml> nvml();

  /** {@return the HIP runtime, {@code libamdhip64.so} by default, also under /opt/rocm/lib} */
  Loaded<Hip> hip();
}
