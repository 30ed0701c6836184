package org.convertalot.api.error;

import java.util.Map;

/** Code {@code backend_unavailable}. */
public class BackendUnavailableException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   */
  public BackendUnavailableException(String message, Map<String, String> details) {
    this(message, details, null, 0);
  }

  /**
   * Creates the exception with job coordinates.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   */
  public BackendUnavailableException(
      String message, Map<String, String> details, String jobId, int attempt) {
    super(ErrorCode.BACKEND_UNAVAILABLE, message, details, false, jobId, attempt, null);
  }
}
