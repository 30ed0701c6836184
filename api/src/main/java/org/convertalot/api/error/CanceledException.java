package org.convertalot.api.error;

import java.util.Map;

/** The job was canceled by a user. Code {@code canceled}. */
public class CanceledException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public CanceledException(String message, String jobId, int attempt) {
    this(message, Map.of(), jobId, attempt);
  }

  /** Creates the exception with details. */
  public CanceledException(String message, Map<String, String> details, String jobId, int attempt) {
    super(ErrorCode.CANCELED, message, details, false, jobId, attempt, null);
  }
}
