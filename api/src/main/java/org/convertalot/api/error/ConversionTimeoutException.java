package org.convertalot.api.error;

import java.util.Map;

/** Code {@code timeout}. */
public class ConversionTimeoutException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ConversionTimeoutException(String message) {
    this(message, Map.of(), true, null, 0);
  }

  /** Creates the exception with details and job coordinates. */
  public ConversionTimeoutException(
      String message, Map<String, String> details, boolean retryable, String jobId, int attempt) {
    super(ErrorCode.TIMEOUT, message, details, retryable, jobId, attempt, null);
  }
}
