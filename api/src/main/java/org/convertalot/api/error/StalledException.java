package org.convertalot.api.error;

import java.util.Map;

/** Code {@code stalled}. */
public class StalledException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public StalledException(String message) {
    this(message, Map.of(), true, null, 0);
  }

  /** Creates the exception with details and job coordinates. */
  public StalledException(
      String message, Map<String, String> details, boolean retryable, String jobId, int attempt) {
    super(ErrorCode.STALLED, message, details, retryable, jobId, attempt, null);
  }
}
