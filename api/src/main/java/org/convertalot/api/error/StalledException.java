package org.convertalot.api.error;

import java.util.Map;

/** Code {@code stalled}. */
public class StalledException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a human readable message
   */
  public StalledException(String message) {
    this(message, Map.of(), true, null, 0);
  }

  /**
   * Creates the exception with details and job coordinates.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   * @param retryable whether retrying may succeed
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   */
  public StalledException(
      String message, Map<String, String> details, boolean retryable, String jobId, int attempt) {
    super(ErrorCode.STALLED, message, details, retryable, jobId, attempt, null);
  }
}
