package org.convertalot.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a job may run. Only code sets a request's policy: no environment variable or system
 * property changes it.
 */
public enum Policy {
  /** Run on a CPU engine. */
  CPU_ONLY,
  /** Run on a GPU engine when a usable GPU exists, else on a CPU engine with a fallback reason. */
  GPU_PREFER,
  /** Run on a GPU engine or fail with {@code gpu_not_available}; never on CPU. */
  GPU_REQUIRED;

  /** The policy a request gets when none is given. */
  public static final Policy DEFAULT = GPU_PREFER;

  /** {@return the stable snake_case name, for example {@code gpu_prefer}} */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Looks up a policy by its snake_case name.
   *
   * @param code the snake_case name
   * @return the policy, or empty when the name is unknown
   */
  public static Optional<Policy> fromCode(String code) {
    for (Policy p : values()) {
      if (p.code().equals(code)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
