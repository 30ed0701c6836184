package org.convertalot.api.error;

import java.util.Map;

/** Code {@code backend_failed}. */
public class BackendFailedException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a retryable engine failure.
   *
   * @param message a human readable message
   * @param cause the underlying cause, or {@code null}
   */
  public BackendFailedException(String message, Throwable cause) {
    this(message, Map.of(), true, null, 0, cause);
  }

  /**
   * Creates a fully specified engine failure.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   * @param retryable whether retrying may succeed
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   * @param cause the underlying cause, or {@code null}
   */
  public BackendFailedException(
      String message,
      Map<String, String> details,
      boolean retryable,
      String jobId,
      int attempt,
      Throwable cause) {
    super(ErrorCode.BACKEND_FAILED, message, details, retryable, jobId, attempt, cause);
  }
}
