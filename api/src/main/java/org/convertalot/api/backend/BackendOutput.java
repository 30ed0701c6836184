package org.convertalot.api.backend;

import java.util.Objects;
import org.convertalot.api.Acceleration;

/**
 * What an engine produced.
 *
 * @param markdown the Markdown; the runtime normalizes it before publishing
 * @param pages the pages converted
 * @param accelerationUsed the hardware the engine actually used (for a GPU engine: what the device
 *     check reported, not what was asked)
 */
public record BackendOutput(String markdown, int pages, Acceleration accelerationUsed) {
  /** Validates the fields. */
  public BackendOutput {
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(accelerationUsed, "accelerationUsed");
    if (pages < 0) {
      throw new IllegalArgumentException("negative pages");
    }
  }
}
