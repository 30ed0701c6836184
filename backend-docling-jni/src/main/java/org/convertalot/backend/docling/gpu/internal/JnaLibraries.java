package org.convertalot.backend.docling.gpu.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The real driver libraries through JNA. Nothing is loaded until a binding is first asked for; each
 * outcome, loaded or not, is then kept for the life of this object (a library, once opened, stays
 * open).
 */
public final class JnaLibraries implements DriverLibraries {

  /** The CUDA driver's file name; a bare {@code libcuda.so} may be absent. */
  public static final String CUDA_LIBRARY = "libcuda.so.1";

  /** NVML's file name. */
  public static final String NVML_LIBRARY = "libnvidia-ml.so.1";

  /** The HIP runtime's file name. */
  public static final String HIP_LIBRARY = "libamdhip64.so";

  /** Where ROCm installs the HIP runtime, often outside the dynamic linker's search path. */
  public static final Path ROCM_LIBRARY_DIR = Path.of("/opt/rocm/lib");

  private static final List<String> HIP_FILE_NAMES =
      List.of(HIP_LIBRARY, HIP_LIBRARY + ".7", HIP_LIBRARY + ".6");

  private final Path cudaOverride;
  private final Path nvmlOverride;
  private final Path hipOverride;
  private Loaded<CudaDriver> cuda;
  private Loaded<Nvml> nvml;
  private Loaded<Hip> hip;

  /**
   * Libraries at the given paths; {@code null} searches the default file name.
   *
   * @param cuda the CUDA driver library, or {@code null} for {@value #CUDA_LIBRARY}
   * @param nvml the NVML library, or {@code null} for {@value #NVML_LIBRARY}
   * @param hip the HIP runtime, or {@code null} for {@value #HIP_LIBRARY} on the linker's path,
   *     then under {@code /opt/rocm/lib} (also {@code .so.7} and {@code .so.6})
   */
  public JnaLibraries(Path cuda, Path nvml, Path hip) {
    this.cudaOverride = absolute(cuda);
    this.nvmlOverride = absolute(nvml);
    this.hipOverride = absolute(hip);
  }

  @Override
  public synchronized Loaded<CudaDriver> cuda() {
    if (cuda == null) {
      String library = name(cudaOverride, CUDA_LIBRARY);
      cuda = guarded(library, () -> JnaCudaDriver.load(library, List.of(library)));
    }
    return cuda;
  }

  @Override
  public synchronized Loaded<Nvml> nvml() {
    if (nvml == null) {
      String library = name(nvmlOverride, NVML_LIBRARY);
      nvml = guarded(library, () -> JnaNvml.load(library, List.of(library)));
    }
    return nvml;
  }

  @Override
  public synchronized Loaded<Hip> hip() {
    if (hip == null) {
      String library = name(hipOverride, HIP_LIBRARY);
      List<String> candidates = hipOverride != null ? List.of(library) : defaultHipCandidates();
      hip = guarded(library, () -> JnaHip.load(library, candidates));
    }
    return hip;
  }

  /** {@return the HIP runtime's file names on the linker's path, then under /opt/rocm/lib} */
  static List<String> defaultHipCandidates() {
    return Stream.concat(
            HIP_FILE_NAMES.stream(),
            HIP_FILE_NAMES.stream().map(n -> ROCM_LIBRARY_DIR.resolve(n).toString()))
        .toList();
  }

  private static String name(Path override, String defaultName) {
    return override == null ? defaultName : override.toString();
  }

  private static Path absolute(Path path) {
    return path == null ? null : path.toAbsolutePath().normalize();
  }

  /** Loading touches JNA's classes, which may themselves fail to link: that is a result too. */
  private static <T> Loaded<T> guarded(String library, Supplier<Loaded<T>> load) {
    try {
      return load.get();
    } catch (LinkageError | RuntimeException e) {
      return Loaded.missing(library, "JNA could not bind it: " + NativeLoader.oneLine(e));
    }
  }
}
