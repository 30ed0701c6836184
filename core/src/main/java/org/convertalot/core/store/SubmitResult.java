package org.convertalot.core.store;

import java.util.Objects;
import org.convertalot.api.JobSnapshot;

/**
 * The answer to a submit.
 *
 * @param job the new job, or the existing one with the same idempotency key
 * @param created whether a new job was created
 */
public record SubmitResult(JobSnapshot job, boolean created) {
  /**
   * Validates the fields.
   *
   * @param job the new job, or the existing one with the same idempotency key
   * @param created whether a new job was created
   */
  public SubmitResult {
    Objects.requireNonNull(job, "job");
  }
}
