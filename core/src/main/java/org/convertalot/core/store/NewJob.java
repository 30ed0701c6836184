package org.convertalot.core.store;

import java.util.Map;
import java.util.Objects;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;

/**
 * A job to enqueue, as handed to {@link JobStore#submit(NewJob)}.
 *
 * @param source the input with its hash
 * @param policy the policy
 * @param engineHint the requested engine, or {@code null}
 * @param options the engine options
 * @param limits the limits
 * @param maxAttempts the most claims before a retryable failure becomes final
 */
public record NewJob(
    SourceRef source,
    Policy policy,
    String engineHint,
    Map<String, String> options,
    Limits limits,
    int maxAttempts) {

  /** Validates and copies the fields. */
  public NewJob {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(policy, "policy");
    options = options == null ? Map.of() : Map.copyOf(options);
    Objects.requireNonNull(limits, "limits");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
  }
}
