package org.convertalot.api.backend;

/**
 * Finds an engine through {@link java.util.ServiceLoader}. Register an implementation in {@code
 * module-info.java} ({@code provides}) or {@code META-INF/services}. Creating the provider must be
 * cheap: no threads, files or probes until {@link #create()}.
 */
public interface ConversionBackendProvider {
  /** {@return the id of the engine this provider creates} */
  String id();

  /**
   * Creates the engine. Called at most once per runtime.
   *
   * @return the engine
   */
  ConversionBackend create();
}
