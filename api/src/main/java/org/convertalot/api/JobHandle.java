package org.convertalot.api;

import java.util.concurrent.CompletableFuture;

/**
 * A submitted job: its id, a future of its result and a way to read its current state. Completing
 * the future exceptionally means the job ended FAILED or CANCELED; the cause is a {@link
 * org.convertalot.api.error.ConversionException} with the stored code.
 */
public interface JobHandle {
  /** {@return the job id} */
  JobId id();

  /**
   * Whether the submit that returned this handle created the job; {@code false} when an existing
   * job with the same source and options was returned, or the handle came from {@code handle(id)}.
   *
   * @return {@code true} when this submit created the job
   */
  boolean created();

  /**
   * Completes with the verified result when the job succeeds, exceptionally when it fails.
   *
   * @return the future of the verified result
   */
  CompletableFuture<ConversionResult> result();

  /** {@return the job's current snapshot, read from the store} */
  JobSnapshot snapshot();

  /** {@return the job's current state} */
  default JobState state() {
    return snapshot().state();
  }
}
