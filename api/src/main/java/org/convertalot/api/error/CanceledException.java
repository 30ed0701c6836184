package org.convertalot.api.error;

import java.util.Map;

/** The job was canceled by a user. Code {@code canceled}. */
public class CanceledException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a human readable message
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   */
  public CanceledException(String message, String jobId, int attempt) {
    this(message, Map.of(), jobId, attempt);
  }

  /**
   * Creates the exception with details.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   */
  public CanceledException(String message, Map<String, String> details, String jobId, int attempt) {
    super(ErrorCode.CANCELED, message, details, false, jobId, attempt, null);
  }
}
