package org.convertalot.backend.docling.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a worker is started: the interpreter, the script (the bundled Docling worker, copied to a
 * private temporary folder on first use, or the one the builder named) and the environment: offline
 * models, unbuffered output and, for a conversion worker, the one GPU it may see.
 */
final class Launcher {
  /** The bundled worker script, a resource of this package. */
  static final String BUNDLED_SCRIPT = "docling_worker.py";

  private final EngineSettings settings;
  private final List<String> inheritedDevices;
  private Path extractedDir;

  /**
   * A launcher for workers of this JVM, which may itself see only some GPUs.
   *
   * @param settings the engine's settings
   */
  Launcher(EngineSettings settings) {
    this(settings, System.getenv("CUDA_VISIBLE_DEVICES"));
  }

  /**
   * A launcher under a given {@code CUDA_VISIBLE_DEVICES} of this JVM.
   *
   * @param settings the engine's settings
   * @param inheritedVisibleDevices this JVM's {@code CUDA_VISIBLE_DEVICES}, or {@code null}
   */
  Launcher(EngineSettings settings, String inheritedVisibleDevices) {
    this.settings = settings;
    this.inheritedDevices =
        inheritedVisibleDevices == null || inheritedVisibleDevices.isBlank()
            ? List.of()
            : List.of(inheritedVisibleDevices.trim().split("\\s*,\\s*"));
  }

  /** The interpreter and the script. */
  synchronized List<String> command() {
    return List.of(settings.python(), "-u", script().toString());
  }

  private Path script() {
    if (settings.workerScript() != null) {
      return settings.workerScript();
    }
    if (extractedDir == null) {
      try (InputStream in = Launcher.class.getResourceAsStream(BUNDLED_SCRIPT)) {
        if (in == null) {
          throw new IllegalStateException("the bundled " + BUNDLED_SCRIPT + " is missing");
        }
        Path dir = Files.createTempDirectory("convertalot-docling-");
        Files.copy(in, dir.resolve(BUNDLED_SCRIPT), StandardCopyOption.REPLACE_EXISTING);
        // Without close() (a JVM that exits first) the copy still goes; files before folders.
        dir.toFile().deleteOnExit();
        dir.resolve(BUNDLED_SCRIPT).toFile().deleteOnExit();
        extractedDir = dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the Docling worker script", e);
      }
    }
    return extractedDir.resolve(BUNDLED_SCRIPT);
  }

  /**
   * The environment of a worker.
   *
   * @param deviceIndex the GPU a conversion worker is pinned to ({@code CUDA_VISIBLE_DEVICES}), or
   *     -1 for the probe, which sees every device
   * @return the variables to set
   */
  Map<String, String> environment(int deviceIndex) {
    Map<String, String> env = new LinkedHashMap<>(settings.environment());
    env.put("PYTHONUNBUFFERED", "1");
    env.put("PYTHONIOENCODING", "utf-8");
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    // Offline only: the models come from artifacts_path, never from the Hugging Face Hub.
    env.put("HF_HUB_OFFLINE", "1");
    env.put("TRANSFORMERS_OFFLINE", "1");
    env.put("DOCLING_ARTIFACTS_PATH", settings.modelsDir().toString());
    if (deviceIndex >= 0) {
      env.put("CUDA_VISIBLE_DEVICES", visibleDevice(deviceIndex));
    }
    return env;
  }

  /**
   * The {@code CUDA_VISIBLE_DEVICES} value that shows a worker the probe's device {@code index}:
   * the index itself, or, when this JVM already sees only some devices, the entry of its own list
   * at that index (the probe counts the devices this JVM sees).
   */
  String visibleDevice(int index) {
    return index < inheritedDevices.size() ? inheritedDevices.get(index) : Integer.toString(index);
  }

  /** Deletes the copied script, if any. */
  synchronized void close() {
    if (extractedDir != null) {
      try {
        Files.deleteIfExists(extractedDir.resolve(BUNDLED_SCRIPT));
        Files.deleteIfExists(extractedDir);
      } catch (IOException e) {
        // A leftover in the temp folder; nothing depends on it.
      }
      extractedDir = null;
    }
  }
}
