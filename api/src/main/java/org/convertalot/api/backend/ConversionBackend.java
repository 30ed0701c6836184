package org.convertalot.api.backend;

/**
 * A conversion engine. Implementations must be thread-safe up to their declared concurrency. Every
 * call is guarded by the runtime: an exception or a hang fails the job, never the worker.
 *
 * <p>Throw {@link org.convertalot.api.error.InvalidInputException} for inputs that cannot be
 * converted, {@link org.convertalot.api.error.BackendUnavailableException} or {@link
 * org.convertalot.api.error.GpuNotAvailableException} for environment problems that retrying cannot
 * fix; any other exception is treated as a transient {@code backend_failed}.
 */
public interface ConversionBackend extends AutoCloseable {
  /** A stable id, lower case, for example {@code pdfbox}. */
  String id();

  /** The engine's version, recorded in every manifest. */
  String version();

  /** What the engine can do. */
  BackendCapabilities capabilities();

  /** Checks whether the engine can run here. Called lazily, at most once per runtime. */
  ProbeResult probe();

  /**
   * Converts one input.
   *
   * @param input the input
   * @param context progress, cancellation, deadline and temp dir
   * @return the Markdown and metadata
   */
  BackendOutput convert(BackendInput input, BackendContext context);

  /** Releases the engine's resources (worker processes, native handles). */
  @Override
  default void close() {}
}
