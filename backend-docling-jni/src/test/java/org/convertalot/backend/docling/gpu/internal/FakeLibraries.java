package org.convertalot.backend.docling.gpu.internal;

import java.util.function.Supplier;

/**
 * Driver libraries made of fakes. Each library is missing (as on a machine without a driver) until
 * given; each load is counted.
 */
public final class FakeLibraries implements DriverLibraries {

  public static final String NOT_FOUND =
      ": cannot open shared object file: No such file or directory";

  private Supplier<Loaded<CudaDriver>> cuda =
      () -> Loaded.missing(JnaLibraries.CUDA_LIBRARY, JnaLibraries.CUDA_LIBRARY + NOT_FOUND);
  private Supplier<Loaded<Nvml>> nvml =
      () -> Loaded.missing(JnaLibraries.NVML_LIBRARY, JnaLibraries.NVML_LIBRARY + NOT_FOUND);
  private Supplier<Loaded<Hip>> hip =
      () -> Loaded.missing(JnaLibraries.HIP_LIBRARY, JnaLibraries.HIP_LIBRARY + NOT_FOUND);
  private int cudaLoads;
  private int nvmlLoads;
  private int hipLoads;

  /** Installs a CUDA driver. */
  public FakeLibraries with(FakeCuda driver) {
    cuda = () -> Loaded.bound(driver, JnaLibraries.CUDA_LIBRARY, "/usr/lib/fake/libcuda.so.1");
    return this;
  }

  /** Installs NVML. */
  public FakeLibraries with(FakeNvml driver) {
    nvml = () -> Loaded.bound(driver, JnaLibraries.NVML_LIBRARY, null);
    return this;
  }

  /** Installs a HIP runtime. */
  public FakeLibraries with(FakeHip runtime) {
    hip = () -> Loaded.bound(runtime, JnaLibraries.HIP_LIBRARY, "/opt/rocm/lib/libamdhip64.so");
    return this;
  }

  /** Makes loading CUDA itself throw, as JNA's own classes failing to link would. */
  public FakeLibraries cudaLoadThrows(Error error) {
    cuda =
        () -> {
          throw error;
        };
    return this;
  }

  @Override
  public Loaded<CudaDriver> cuda() {
    cudaLoads++;
    return cuda.get();
  }

  @Override
  public Loaded<Nvml> nvml() {
    nvmlLoads++;
    return nvml.get();
  }

  @Override
  public Loaded<Hip> hip() {
    hipLoads++;
    return hip.get();
  }

  /** {@return how often CUDA was asked for} */
  public int cudaLoads() {
    return cudaLoads;
  }

  /** {@return how often NVML was asked for} */
  public int nvmlLoads() {
    return nvmlLoads;
  }

  /** {@return how often HIP was asked for} */
  public int hipLoads() {
    return hipLoads;
  }
}
