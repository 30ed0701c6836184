package org.convertalot.api.backend;

import java.util.Objects;
import java.util.Set;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Policy;

/**
 * What an engine can do.
 *
 * @param accelerations the hardware it can run on
 * @param mediaTypes the input media types it accepts, for example {@code application/pdf}
 * @param defaultConcurrency how many conversions it runs well at once in one process
 * @param selectsPages whether it honours {@link BackendInput#pages()}; the runtime hands a job that
 *     selects pages only to an engine that does
 */
public record BackendCapabilities(
    Set<Acceleration> accelerations,
    Set<String> mediaTypes,
    int defaultConcurrency,
    boolean selectsPages) {

  /** The PDF media type. */
  public static final String PDF = "application/pdf";

  /**
   * Validates and copies the fields.
   *
   * @param accelerations the hardware it can run on
   * @param mediaTypes the input media types it accepts, for example {@code application/pdf}
   * @param defaultConcurrency how many conversions it runs well at once in one process
   * @param selectsPages whether it honours {@link BackendInput#pages()}
   */
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

  /**
   * Capabilities of an engine that converts every page it is given and ignores {@link
   * BackendInput#pages()}: the runtime never gives it a job that selects pages.
   *
   * @param accelerations the hardware it can run on
   * @param mediaTypes the input media types it accepts, for example {@code application/pdf}
   * @param defaultConcurrency how many conversions it runs well at once in one process
   */
  public BackendCapabilities(
      Set<Acceleration> accelerations, Set<String> mediaTypes, int defaultConcurrency) {
    this(accelerations, mediaTypes, defaultConcurrency, false);
  }

  /**
   * The same capabilities, for an engine that converts only the pages {@link BackendInput#pages()}
   * selects (with {@link org.convertalot.api.PageSelection#within(int)} and {@link
   * org.convertalot.api.PageSelection#requireWithin(int)}).
   *
   * @return a copy with {@link #selectsPages()} set
   */
  public BackendCapabilities withPageSelection() {
    return new BackendCapabilities(accelerations, mediaTypes, defaultConcurrency, true);
  }

  /** {@return whether the engine can run on a GPU} */
  public boolean supportsGpu() {
    return accelerations.stream().anyMatch(Acceleration::isGpu);
  }

  /** {@return whether the engine can run on CPU} */
  public boolean supportsCpu() {
    return accelerations.contains(Acceleration.CPU);
  }

  /**
   * The one rule of which engines a policy may use: {@code cpu_only} needs an engine that runs on
   * CPU, {@code gpu_required} one that runs on a GPU, {@code gpu_prefer} takes either. Whether a
   * GPU is usable here is the probe's to say, not this rule's.
   *
   * @param policy the job's policy
   * @return whether an engine with these capabilities may serve it
   */
  public boolean admits(Policy policy) {
    return switch (policy) {
      case CPU_ONLY -> supportsCpu();
      case GPU_REQUIRED -> supportsGpu();
      case GPU_PREFER -> true;
    };
  }

  /**
   * Why an engine with these capabilities cannot serve a policy, for error messages.
   *
   * @param policy a policy it does not {@link #admits admit}
   * @return for example {@code cannot run on CPU, but the policy is cpu_only}
   */
  public String refusal(Policy policy) {
    return policy == Policy.CPU_ONLY
        ? "cannot run on CPU, but the policy is cpu_only"
        : "cannot run on a GPU, but the policy is " + policy.code();
  }
}
