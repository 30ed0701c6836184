package org.convertalot.api.error;

import java.util.Map;

/** Code {@code invalid_request}. */
public class InvalidRequestException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a human readable message
   */
  public InvalidRequestException(String message) {
    this(message, Map.of(), null, 0);
  }

  /**
   * Creates the exception with details and job coordinates.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   */
  public InvalidRequestException(
      String message, Map<String, String> details, String jobId, int attempt) {
    super(ErrorCode.INVALID_REQUEST, message, details, false, jobId, attempt, null);
  }
}
