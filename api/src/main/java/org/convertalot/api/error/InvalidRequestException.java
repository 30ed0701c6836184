package org.convertalot.api.error;

import java.util.Map;

/** Code {@code invalid_request}. */
public class InvalidRequestException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InvalidRequestException(String message) {
    this(message, Map.of(), null, 0);
  }

  /** Creates the exception with details and job coordinates. */
  public InvalidRequestException(
      String message, Map<String, String> details, String jobId, int attempt) {
    super(ErrorCode.INVALID_REQUEST, message, details, false, jobId, attempt, null);
  }
}
