package org.convertalot.api;

import java.util.Locale;
import java.util.Optional;

/** The hardware a conversion actually ran on; every successful result says which. */
public enum Acceleration {
  /** Plain CPU. */
  CPU,
  /** An NVIDIA GPU through CUDA. */
  CUDA,
  /** An AMD GPU through ROCm/HIP. */
  ROCM;

  /** {@return the stable lower-case name, for example {@code cuda}} */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@return whether this is a GPU acceleration} */
  public boolean isGpu() {
    return this != CPU;
  }

  /**
   * Looks up an acceleration by its lower-case name.
   *
   * @param code the lower-case name
   * @return the acceleration, or empty when the name is unknown
   */
  public static Optional<Acceleration> fromCode(String code) {
    for (Acceleration a : values()) {
      if (a.code().equals(code)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
