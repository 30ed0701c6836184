package org.convertalot.api.error;

import java.util.Map;

/** The job was canceled by a user. Code {@code canceled}. */
public class CanceledException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public CanceledException(String message, String jobId, int attempt) {
    super(ErrorCode.CANCELED, message, Map.of(), false, jobId, attempt, null);
  }
}
