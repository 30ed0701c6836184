package org.convertalot.api.backend;

import java.util.Objects;
import java.util.Set;
import org.convertalot.api.Acceleration;

/**
 * What an engine can do.
 *
 * @param accelerations the hardware it can run on
 * @param mediaTypes the input media types it accepts, for example {@code application/pdf}
 * @param defaultConcurrency how many conversions it runs well at once in one process
 */
public record BackendCapabilities(
    Set<Acceleration> accelerations, Set<String> mediaTypes, int defaultConcurrency) {

  /** The PDF media type. */
  public static final String PDF = "application/pdf";

  /** Validates and copies the fields. */
  public BackendCapabilities {
    accelerations = Set.copyOf(Objects.requireNonNull(accelerations, "accelerations"));
    mediaTypes = Set.copyOf(Objects.requireNonNull(mediaTypes, "mediaTypes"));
    if (accelerations.isEmpty()) {
      throw new IllegalArgumentException("an engine runs on at least one acceleration");
    }
    if (defaultConcurrency < 1) {
      throw new IllegalArgumentException("defaultConcurrency must be >= 1");
    }
  }

  /** Whether the engine can run on a GPU. */
  public boolean supportsGpu() {
    return accelerations.stream().anyMatch(Acceleration::isGpu);
  }

  /** Whether the engine can run on CPU. */
  public boolean supportsCpu() {
    return accelerations.contains(Acceleration.CPU);
  }
}
