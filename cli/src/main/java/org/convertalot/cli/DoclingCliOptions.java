package org.convertalot.cli;

import java.nio.file.Path;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.backend.docling.DoclingBackend;
import org.convertalot.backend.docling.DoclingBackendProvider;
import org.convertalot.backend.docling.gpu.GpuProbe;
import org.convertalot.core.ConvertALot;
import picocli.CommandLine.Option;

/**
 * The Docling engine's interpreter and models, for the commands that run or probe engines. Without
 * them the discovered engine takes {@code CONVERTALOT_DOCLING_PYTHON} and {@code
 * DOCLING_ARTIFACTS_PATH} from the environment, or its defaults.
 */
final class DoclingCliOptions {
  @Option(
      names = "--python",
      paramLabel = "PATH",
      description =
          "Python interpreter that has Docling (>= 2.104), for the Docling engine on GPUs"
              + " (default: $CONVERTALOT_DOCLING_PYTHON, else python3).")
  private String python;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description =
          "Folder of Docling's models, downloaded beforehand with `docling-tools models download"
              + " -o DIR` (the engine runs offline; default: $DOCLING_ARTIFACTS_PATH, else"
              + " ~/.cache/docling/models).")
  private Path models;

  @Option(
      names = "--cuda-library",
      paramLabel = "FILE",
      description = "The CUDA driver library to probe instead of libcuda.so.1 on the linker path.")
  private Path cudaLibrary;

  @Option(
      names = "--nvml-library",
      paramLabel = "FILE",
      description = "The NVML library for names and utilization instead of libnvidia-ml.so.1.")
  private Path nvmlLibrary;

  @Option(
      names = "--hip-library",
      paramLabel = "FILE",
      description = "The HIP runtime to probe instead of libamdhip64.so (ROCm).")
  private Path hipLibrary;

  @Option(
      names = "--docling-worker",
      paramLabel = "SCRIPT",
      hidden = true,
      description =
          "A worker script speaking the engine's protocol instead of the bundled Docling worker:"
              + " for checking a GPU host's supervision path before Docling is installed.")
  private Path workerScript;

  /** Whether any option of the Docling engine was given. */
  boolean given() {
    return python != null
        || models != null
        || workerScript != null
        || cudaLibrary != null
        || nvmlLibrary != null
        || hipLibrary != null;
  }

  /** The GPU probe: the system's libraries, or the ones named by the options. */
  GpuProbe gpuProbe() {
    return cudaLibrary == null && nvmlLibrary == null && hipLibrary == null
        ? GpuProbe.system()
        : GpuProbe.withLibraries(cudaLibrary, nvmlLibrary, hipLibrary);
  }

  /**
   * Registers a Docling engine with these options on the builder, when any was given; otherwise the
   * discovered engine is used as it is.
   */
  ConvertALot.Builder applyTo(ConvertALot.Builder builder) {
    return given() ? builder.backend(engine()) : builder;
  }

  /**
   * A Docling engine with these options; what they leave out comes from the environment as for the
   * discovered engine ({@link DoclingBackendProvider#fromEnvironment()}).
   */
  ConversionBackend engine() {
    DoclingBackend.Builder b = DoclingBackendProvider.fromEnvironment().gpuProbe(gpuProbe()::probe);
    if (python != null) {
      b.python(python);
    }
    if (models != null) {
      b.modelsDir(models);
    }
    if (workerScript != null) {
      b.workerScript(workerScript);
    }
    return b.build();
  }
}
