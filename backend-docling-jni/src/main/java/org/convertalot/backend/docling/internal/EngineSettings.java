package org.convertalot.backend.docling.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.convertalot.api.backend.ProbeResult;

/**
 * The Docling engine's settings, validated by the public builder.
 *
 * @param python the Python interpreter: a command on the {@code PATH} or a path
 * @param workerScript a worker script speaking the protocol, or {@code null} for the bundled one
 * @param modelsDir Docling's models folder ({@code artifacts_path})
 * @param gpuProbe the GPU runtime probe, or {@code null} to judge the GPU by torch alone
 * @param maxDocumentsPerWorker documents after which a worker is replaced
 * @param maxWorkerRssBytes resident memory after a document past which a worker is replaced
 * @param workerStartTimeout how long a new worker may take to answer its hello
 * @param probeTimeout how long the probe's interpreter may take to answer its hello
 * @param killGrace how long a worker told to stop (SIGTERM) has before it is killed (SIGKILL)
 * @param stallTimeout how long a worker may run without progress before the engine kills it
 * @param environment extra environment variables for every worker
 */
public record EngineSettings(
    String python,
    Path workerScript,
    Path modelsDir,
    Supplier<ProbeResult> gpuProbe,
    int maxDocumentsPerWorker,
    long maxWorkerRssBytes,
    Duration workerStartTimeout,
    Duration probeTimeout,
    Duration killGrace,
    Duration stallTimeout,
    Map<String, String> environment) {

  /**
   * Copies the environment and checks that nothing required is missing.
   *
   * @param python the Python interpreter
   * @param workerScript a worker script, or {@code null}
   * @param modelsDir Docling's models folder
   * @param gpuProbe the GPU runtime probe, or {@code null}
   * @param maxDocumentsPerWorker documents per worker
   * @param maxWorkerRssBytes resident memory limit
   * @param workerStartTimeout worker start limit
   * @param probeTimeout probe limit
   * @param killGrace SIGTERM to SIGKILL
   * @param stallTimeout the engine's own stall limit
   * @param environment extra environment variables
   */
  public EngineSettings {
    Objects.requireNonNull(python, "python");
    Objects.requireNonNull(modelsDir, "modelsDir");
    Objects.requireNonNull(workerStartTimeout, "workerStartTimeout");
    Objects.requireNonNull(probeTimeout, "probeTimeout");
    Objects.requireNonNull(killGrace, "killGrace");
    Objects.requireNonNull(stallTimeout, "stallTimeout");
    environment = Map.copyOf(environment);
  }
}
