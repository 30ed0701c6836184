package org.convertalot.backend.docling;

import java.nio.file.Path;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ConversionBackendProvider;
import org.convertalot.backend.docling.gpu.GpuProbe;

/**
 * Makes the Docling engine discoverable through {@link java.util.ServiceLoader}, both on the module
 * path ({@code provides} in {@code module-info}) and on the class path ({@code META-INF/services}).
 * Creating the provider or its engine does no work: the interpreter first runs when the runtime
 * probes the engine, which it does only for a job whose policy may use a GPU, and a machine without
 * Python or Docling gets a quiet {@code backend_unavailable} probe (listed in status) with the
 * commands that fix it.
 *
 * <p>The discovered engine takes its interpreter from the environment variable {@value
 * #PYTHON_VARIABLE} (else {@value DoclingBackend#DEFAULT_PYTHON}) and its models folder from
 * {@value #MODELS_VARIABLE}, Docling's own variable (else {@link
 * DoclingBackend#defaultModelsDir()}); its GPU probe is {@link GpuProbe#system()}; register {@link
 * DoclingBackend#builder()}'s engine on the runtime builder to set anything else.
 */
public final class DoclingBackendProvider implements ConversionBackendProvider {
  /** The environment variable naming the interpreter of the discovered engine. */
  public static final String PYTHON_VARIABLE = "CONVERTALOT_DOCLING_PYTHON";

  /** The environment variable naming the models folder of the discovered engine. */
  public static final String MODELS_VARIABLE = "DOCLING_ARTIFACTS_PATH";

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public DoclingBackendProvider() {}

  /** Returns {@code docling}. */
  @Override
  public String id() {
    return DoclingBackend.ID;
  }

  /** Creates a new Docling engine: {@link #fromEnvironment()} as it is. */
  @Override
  public ConversionBackend create() {
    return fromEnvironment().build();
  }

  /**
   * The builder of the discovered engine: the defaults, the interpreter from {@value
   * #PYTHON_VARIABLE} and the models folder from {@value #MODELS_VARIABLE} when they are set, and
   * the JNA GPU probe of this process, asked before any interpreter starts. Callers that take some
   * settings from elsewhere (the CLI's options) start from it, so the rest keep these defaults.
   *
   * @return a builder to adjust or build
   */
  public static DoclingBackend.Builder fromEnvironment() {
    DoclingBackend.Builder builder = DoclingBackend.builder().gpuProbe(GpuProbe.system()::probe);
    String python = System.getenv(PYTHON_VARIABLE);
    if (python != null && !python.isBlank()) {
      builder.python(python);
    }
    String models = System.getenv(MODELS_VARIABLE);
    if (models != null && !models.isBlank()) {
      builder.modelsDir(Path.of(models));
    }
    return builder;
  }
}
