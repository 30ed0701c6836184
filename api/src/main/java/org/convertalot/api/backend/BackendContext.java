package org.convertalot.api.backend;

import java.nio.file.Path;
import java.time.Instant;
import org.convertalot.api.JobId;
import org.convertalot.api.error.CanceledException;

/**
 * What the runtime gives an engine for one conversion: progress and phase reporting, cancellation,
 * the deadline and a private temporary directory. Thread-safe.
 */
public interface BackendContext {
  /** The job being converted. */
  JobId jobId();

  /** The attempt number, from 1. */
  int attempt();

  /**
   * Reports pages done out of the total. Progress that moves keeps the job out of the stall
   * detector; call it at least once per page.
   */
  void progress(int pagesDone, int pagesTotal);

  /** Starts a named phase; the previous phase's duration is recorded. */
  void phase(String name);

  /**
   * Whether the engine should stop now: the job was canceled, its lease was lost, or it passed its
   * deadline.
   */
  boolean isCanceled();

  /** Throws {@link CanceledException} when {@link #isCanceled()}; call between units of work. */
  default void checkCanceled() {
    if (isCanceled()) {
      throw new CanceledException("conversion stopped", jobId().value(), attempt());
    }
  }

  /** When the attempt must be done by. */
  Instant deadline();

  /** A directory private to this attempt, deleted after it. */
  Path tempDir();
}
