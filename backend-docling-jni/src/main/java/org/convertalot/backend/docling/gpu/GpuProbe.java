package org.convertalot.backend.docling.gpu;

import java.nio.file.Path;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.backend.docling.gpu.internal.DriverLibraries;
import org.convertalot.backend.docling.gpu.internal.JnaLibraries;
import org.convertalot.backend.docling.gpu.internal.ProbeRunner;
import org.convertalot.backend.docling.gpu.internal.UtilizationSampler;

/**
 * Finds out whether this process can use a GPU, without creating a GPU context or holding GPU
 * memory.
 *
 * <p>The CUDA driver API ({@code libcuda.so.1}: {@code cuInit}, {@code cuDriverGetVersion}, {@code
 * cuDeviceGetCount}, {@code cuDeviceGet}, {@code cuDeviceGetName}, {@code cuDeviceTotalMem_v2},
 * {@code cuDeviceGetAttribute} 75/76) decides. When its driver is missing, HIP ({@code
 * libamdhip64.so}, also under {@code /opt/rocm/lib}) is asked for ROCm. NVML ({@code
 * libnvidia-ml.so.1}) never decides: it only fills in a name CUDA left blank, explains a probe that
 * found nothing usable, and gives {@link GpuUtilization}.
 *
 * <p>{@link #probe()} never throws: a missing library, a missing symbol or a JNA linkage error is a
 * {@link ProbeResult} with cause {@code driver_missing}; the other causes are {@code
 * driver_mismatch}, {@code no_device} and {@code device_unusable}, each with a message naming the
 * library, the function, the code and its name, and what to do. See {@code docs/gpu-probe.md}.
 *
 * <p>The process's environment applies as for any CUDA program: {@code CUDA_VISIBLE_DEVICES} (or
 * {@code HIP_VISIBLE_DEVICES}) limits and renumbers the devices found. Instances are thread-safe;
 * probes on one instance run one at a time.
 */
public final class GpuProbe {

  /** Created on first use of {@link #system()}, not when this class loads. */
  private static final class SystemProbe {
    static final GpuProbe INSTANCE = new GpuProbe(new JnaLibraries(null, null, null));
  }

  private final DriverLibraries libraries;
  private final ProbeRunner runner;

  GpuProbe(DriverLibraries libraries) {
    this.libraries = libraries;
    this.runner = new ProbeRunner(libraries);
  }

  /**
   * The probe of the installed driver libraries, found by the dynamic linker's search ({@code
   * libcuda.so.1}, {@code libnvidia-ml.so.1}, {@code libamdhip64.so}, then {@code /opt/rocm/lib}).
   * Nothing is loaded until the first probe or reading; a library once loaded stays loaded, and one
   * that could not be loaded is not tried again in this process.
   *
   * @return the shared instance
   */
  public static GpuProbe system() {
    return SystemProbe.INSTANCE;
  }

  /**
   * A probe of libraries at the given paths, for tests and unusual installs. A {@code null} path
   * searches that library's default name as {@link #system()} does; a path that does not exist
   * makes that library missing.
   *
   * @param cuda the CUDA driver library ({@code libcuda.so.1}), or {@code null}
   * @param nvml the NVML library ({@code libnvidia-ml.so.1}), or {@code null}
   * @param hip the HIP runtime ({@code libamdhip64.so}), or {@code null}
   * @return a new probe; nothing is loaded yet
   */
  public static GpuProbe withLibraries(Path cuda, Path nvml, Path hip) {
    return new GpuProbe(new JnaLibraries(cuda, nvml, hip));
  }

  /**
   * Probes now. Each call asks the driver again (the libraries stay loaded), so a device that
   * became busy or was lost shows; callers that probe often keep the result.
   *
   * @return available with kind ({@code cuda} or {@code rocm}), devices (index, name, memory,
   *     capability) and driver version; or unavailable with the cause and a message
   */
  public ProbeResult probe() {
    return runner.probe();
  }

  /**
   * Opens a utilization sampler over this probe's libraries. Close it when done.
   *
   * @return the sampler; NVML is loaded and initialized on its first reading
   */
  public GpuUtilization openUtilization() {
    return new GpuUtilization(new UtilizationSampler(libraries));
  }
}
