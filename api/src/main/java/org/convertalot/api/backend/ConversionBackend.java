package org.convertalot.api.backend;

import java.util.List;
import java.util.Map;

/**
 * A conversion engine. Implementations must be thread-safe up to their declared concurrency. Every
 * call is guarded by the runtime: an exception or a hang fails the job, never the worker, and an
 * engine whose {@link #id()}, {@link #version()} or {@link #capabilities()} throws is listed as
 * broken in status and skipped.
 *
 * <p>Throw {@link org.convertalot.api.error.InvalidInputException} for inputs that cannot be
 * converted, {@link org.convertalot.api.error.BackendUnavailableException} or {@link
 * org.convertalot.api.error.GpuNotAvailableException} for environment problems that retrying cannot
 * fix; any other exception is treated as a transient {@code backend_failed}. A failure of the
 * device itself is {@code gpu_not_available} or {@code backend_failed} with {@code details.reason =
 * }{@value #DEVICE_ERROR_REASON}: the runtime then probes the engine again before its next job.
 *
 * <p>The runtime checks the input before any engine sees it (it exists, is not empty, is within the
 * byte limit and starts like a PDF); engines check only what needs their parser (encryption,
 * corruption, the page limit).
 */
public interface ConversionBackend extends AutoCloseable {
  /** The priority of an engine that does not declare one. */
  int DEFAULT_PRIORITY = 0;

  /** The {@code details.reason} of a failure of the device itself (lost GPU, device fault). */
  String DEVICE_ERROR_REASON = "device_error";

  /**
   * {@return a stable id following {@link org.convertalot.api.Identifiers}, for example {@code
   * pdfbox}}
   */
  String id();

  /** {@return the engine's version, recorded in every manifest} */
  String version();

  /** {@return what the engine can do} */
  BackendCapabilities capabilities();

  /**
   * Which engine wins when several found by {@link java.util.ServiceLoader} satisfy a job's policy
   * and no engine was asked for: the highest priority, then the id. Engines registered on the
   * runtime builder come before every discovered engine, in registration order.
   *
   * @return {@link #DEFAULT_PRIORITY} unless the engine says otherwise
   */
  default int priority() {
    return DEFAULT_PRIORITY;
  }

  /**
   * The options this engine reads, each keyed {@code <id>.<name>}. The runtime refuses a request
   * with an option of this engine's namespace that is not declared here, or with a value the
   * declaration does not take, when it is submitted.
   *
   * @return the declared options; none by default
   */
  default List<EngineOption> options() {
    return List.of();
  }

  /**
   * Checks whether the engine can run here. Called lazily, once per runtime, and again after a run
   * failed with a device error.
   *
   * @return whether and on what the engine can run
   */
  ProbeResult probe();

  /**
   * How many conversions the runtime runs on this engine at once, decided after its probe. The
   * default: one per GPU device the probe found for a GPU engine, else the capabilities' default.
   *
   * @param probe what the latest probe found
   * @return at least 1
   */
  default int concurrency(ProbeResult probe) {
    if (probe.available() && probe.acceleration().isGpu() && !probe.devices().isEmpty()) {
      return probe.devices().size();
    }
    return capabilities().defaultConcurrency();
  }

  /**
   * Converts one input.
   *
   * @param input the input
   * @param context progress, the stop signal, deadline and temp dir
   * @return the Markdown and metadata
   */
  BackendOutput convert(BackendInput input, BackendContext context);

  /**
   * What the engine wants operators to see in status: worker process ids, restarts, the last crash.
   * Called from status, on any thread; must be cheap and must not throw.
   *
   * @return ordered key-value pairs; none by default
   */
  default Map<String, String> diagnostics() {
    return Map.of();
  }

  /** Releases the engine's resources (worker processes, native handles). */
  @Override
  default void close() {}
}
