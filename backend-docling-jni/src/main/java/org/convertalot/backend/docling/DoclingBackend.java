package org.convertalot.backend.docling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.backend.docling.internal.DoclingEngine;
import org.convertalot.backend.docling.internal.EngineSettings;

/**
 * The entry point for code that registers the Docling engine on a runtime builder by hand, with its
 * interpreter, models folder and supervision limits:
 *
 * <pre>{@code
 * ConversionBackend docling =
 *     DoclingBackend.builder()
 *         .python("/opt/docling/venv/bin/python")
 *         .modelsDir(Path.of("/opt/docling/models"))
 *         .build();
 * ConvertALot.builder().dataRoot(root).backend(docling).build();
 * }</pre>
 *
 * <p>The engine has the id {@value #ID}, runs on CUDA or ROCm GPUs only (a job that may run on the
 * CPU goes to the CPU engine instead), converts in supervised Python worker processes (one per GPU,
 * pinned with {@code CUDA_VISIBLE_DEVICES}, models read offline from the models folder) and reads
 * the engine options {@value #OPTION_OCR}, {@value #OPTION_TABLE_MODE} and {@value
 * #OPTION_PAGE_BATCH}. See {@code docs/docling.md}.
 */
public final class DoclingBackend {
  /** The engine's id. */
  public static final String ID = DoclingEngine.ID;

  /** Engine option: {@code auto} (default, Docling recognizes bitmap areas) or {@code off}. */
  public static final String OPTION_OCR = "docling.ocr";

  /** Engine option: {@code accurate} (default), {@code fast} or {@code off}. */
  public static final String OPTION_TABLE_MODE = "docling.table_mode";

  /** Engine option: pages per Docling call, 1 to 256 (default 8); progress comes per call. */
  public static final String OPTION_PAGE_BATCH = "docling.page_batch";

  /** The interpreter unless told otherwise: {@code python3} on the {@code PATH}. */
  public static final String DEFAULT_PYTHON = "python3";

  /** Documents a worker converts before it is replaced (Docling's memory grows with use). */
  public static final int DEFAULT_MAX_DOCUMENTS_PER_WORKER = 100;

  /** Resident memory of a worker after a document past which it is replaced: 12 GiB. */
  public static final long DEFAULT_MAX_WORKER_RSS_BYTES = 12L << 30;

  /** How long a new worker may take to import Docling and torch and answer: 3 minutes. */
  public static final Duration DEFAULT_WORKER_START_TIMEOUT = Duration.ofMinutes(3);

  /** How long the probe's interpreter may take to answer: 2 minutes. */
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofMinutes(2);

  /** How long a worker told to stop (SIGTERM) has before it is killed (SIGKILL): 2 seconds. */
  public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

  /**
   * How long a worker may go without progress before the engine itself kills it: 10 minutes. The
   * runtime's stall window (2 minutes by default) usually stops such a run first; this bound holds
   * where no runtime watches, for example under a standalone context.
   */
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(10);

  /** Environment variables the engine sets itself; {@link Builder#environment} refuses them. */
  private static final Set<String> OWN_VARIABLES =
      Set.of(
          "CUDA_VISIBLE_DEVICES",
          "HF_HUB_OFFLINE",
          "TRANSFORMERS_OFFLINE",
          "DOCLING_ARTIFACTS_PATH",
          "DOCLING_DEVICE",
          "PYTHONUNBUFFERED");

  private DoclingBackend() {}

  /**
   * Starts a builder with the defaults: {@value #DEFAULT_PYTHON}, the models in {@link
   * #defaultModelsDir()}, no GPU probe of its own (torch in the worker judges the GPU).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Docling's own default models folder, where {@code docling-tools models download} puts them:
   * {@code ~/.cache/docling/models}.
   *
   * @return the folder; it may not exist
   */
  public static Path defaultModelsDir() {
    return Path.of(System.getProperty("user.home"), ".cache", "docling", "models");
  }

  /** Collects and validates the engine's settings; every setter checks its value at once. */
  public static final class Builder {
    private String python = DEFAULT_PYTHON;
    private Path workerScript;
    private Path modelsDir;
    private Supplier<ProbeResult> gpuProbe;
    private int maxDocumentsPerWorker = DEFAULT_MAX_DOCUMENTS_PER_WORKER;
    private long maxWorkerRssBytes = DEFAULT_MAX_WORKER_RSS_BYTES;
    private Duration workerStartTimeout = DEFAULT_WORKER_START_TIMEOUT;
    private Duration probeTimeout = DEFAULT_PROBE_TIMEOUT;
    private Duration killGrace = DEFAULT_KILL_GRACE;
    private Duration stallTimeout = DEFAULT_STALL_TIMEOUT;
    private final Map<String, String> environment = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The Python interpreter that has Docling: a command on the {@code PATH} or a path, for example
     * a virtual environment's {@code bin/python}.
     *
     * @param value the interpreter
     * @return this builder
     * @throws ConfigurationException when blank
     */
    public Builder python(String value) {
      if (value == null || value.isBlank()) {
        throw new ConfigurationException("the Python interpreter must not be blank");
      }
      this.python = value.trim();
      return this;
    }

    /**
     * Docling's models folder, passed to Docling as {@code artifacts_path}; the workers run offline
     * ({@code HF_HUB_OFFLINE=1}), so the models must be there ({@code docling-tools models download
     * -o <folder>}).
     *
     * @param value the folder
     * @return this builder
     */
    public Builder modelsDir(Path value) {
      this.modelsDir = Objects.requireNonNull(value, "modelsDir").toAbsolutePath();
      return this;
    }

    /**
     * Another worker script speaking the engine's protocol instead of the bundled Docling worker
     * (tests use a stand-in; see {@code docs/docling.md}).
     *
     * @param value the script, run as {@code <python> -u <script>}
     * @return this builder
     */
    public Builder workerScript(Path value) {
      this.workerScript = Objects.requireNonNull(value, "workerScript").toAbsolutePath();
      return this;
    }

    /**
     * The GPU runtime probe (CUDA driver API or HIP, in this JVM). When it finds no usable GPU the
     * engine is unavailable with its cause and no interpreter is started; when it finds GPUs, its
     * devices decide the workers. Without one, torch in the worker judges the GPU.
     *
     * @param value the probe, called on every engine probe
     * @return this builder
     */
    public Builder gpuProbe(Supplier<ProbeResult> value) {
      this.gpuProbe = Objects.requireNonNull(value, "gpuProbe");
      return this;
    }

    /**
     * Documents after which a worker is replaced by a fresh one.
     *
     * @param value at least 1; default {@value DoclingBackend#DEFAULT_MAX_DOCUMENTS_PER_WORKER}
     * @return this builder
     * @throws ConfigurationException when below 1
     */
    public Builder maxDocumentsPerWorker(int value) {
      if (value < 1) {
        throw new ConfigurationException("maxDocumentsPerWorker must be >= 1: " + value);
      }
      this.maxDocumentsPerWorker = value;
      return this;
    }

    /**
     * Resident memory (RSS, read from {@code /proc/<pid>/status} after each document) past which a
     * worker is replaced.
     *
     * @param bytes at least 1 MiB; default {@value DoclingBackend#DEFAULT_MAX_WORKER_RSS_BYTES}
     * @return this builder
     * @throws ConfigurationException when below 1 MiB
     */
    public Builder maxWorkerRssBytes(long bytes) {
      if (bytes < 1L << 20) {
        throw new ConfigurationException("maxWorkerRssBytes must be >= 1 MiB: " + bytes);
      }
      this.maxWorkerRssBytes = bytes;
      return this;
    }

    /**
     * How long a new worker may take to start and answer its hello.
     *
     * @param value positive; default 3 minutes
     * @return this builder
     */
    public Builder workerStartTimeout(Duration value) {
      this.workerStartTimeout = positive("workerStartTimeout", value);
      return this;
    }

    /**
     * How long the probe's interpreter may take to answer its hello.
     *
     * @param value positive; default 2 minutes
     * @return this builder
     */
    public Builder probeTimeout(Duration value) {
      this.probeTimeout = positive("probeTimeout", value);
      return this;
    }

    /**
     * How long a worker told to stop (SIGTERM) may take to exit before it is killed (SIGKILL).
     *
     * @param value positive; default 2 seconds
     * @return this builder
     */
    public Builder killGrace(Duration value) {
      this.killGrace = positive("killGrace", value);
      return this;
    }

    /**
     * How long a worker may go without progress (pages or phase) before the engine kills it and the
     * run fails {@code stalled}.
     *
     * @param value positive; default 10 minutes
     * @return this builder
     */
    public Builder stallTimeout(Duration value) {
      this.stallTimeout = positive("stallTimeout", value);
      return this;
    }

    /**
     * An extra environment variable for every worker (for example {@code PYTHONPATH} or {@code
     * OMP_NUM_THREADS}).
     *
     * @param name the variable; not one the engine sets itself ({@code CUDA_VISIBLE_DEVICES},
     *     {@code HF_HUB_OFFLINE}, {@code TRANSFORMERS_OFFLINE}, {@code DOCLING_ARTIFACTS_PATH},
     *     {@code DOCLING_DEVICE}, {@code PYTHONUNBUFFERED})
     * @param value its value
     * @return this builder
     * @throws ConfigurationException for a blank name or one the engine sets itself
     */
    public Builder environment(String name, String value) {
      if (name == null || name.isBlank() || name.contains("=")) {
        throw new ConfigurationException("not an environment variable name: '" + name + "'");
      }
      if (OWN_VARIABLES.contains(name)) {
        throw new ConfigurationException("the Docling engine sets " + name + " itself");
      }
      environment.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Creates the engine. It starts nothing: the interpreter first runs when the engine is probed,
     * a worker when it first converts.
     *
     * @return the engine
     */
    public ConversionBackend build() {
      return new DoclingEngine(
          new EngineSettings(
              python,
              workerScript,
              modelsDir != null ? modelsDir : defaultModelsDir(),
              gpuProbe,
              maxDocumentsPerWorker,
              maxWorkerRssBytes,
              workerStartTimeout,
              probeTimeout,
              killGrace,
              stallTimeout,
              environment));
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new ConfigurationException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
