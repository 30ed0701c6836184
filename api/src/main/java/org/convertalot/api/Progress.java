package org.convertalot.api;

import java.time.Instant;
import java.util.Objects;

/**
 * What an engine last reported: pages done out of pages total, and the current phase.
 *
 * @param pagesDone pages converted so far
 * @param pagesTotal pages in the document, or 0 while unknown
 * @param phase the current phase, for example {@code parse} or {@code layout}
 * @param updatedAt when progress last moved
 */
public record Progress(int pagesDone, int pagesTotal, String phase, Instant updatedAt) {
  /**
   * Validates the fields.
   *
   * @param pagesDone pages converted so far
   * @param pagesTotal pages in the document, or 0 while unknown
   * @param phase the current phase, for example {@code parse} or {@code layout}
   * @param updatedAt when progress last moved
   */
  public Progress {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (pagesDone < 0 || pagesTotal < 0) {
      throw new IllegalArgumentException("negative page count");
    }
  }
}
