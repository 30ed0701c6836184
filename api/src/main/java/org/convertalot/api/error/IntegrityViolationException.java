package org.convertalot.api.error;

import java.util.Map;

/** Code {@code integrity_violation}. */
public class IntegrityViolationException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public IntegrityViolationException(
      String message, Map<String, String> details, String jobId, int attempt) {
    super(ErrorCode.INTEGRITY_VIOLATION, message, details, false, jobId, attempt, null);
  }
}
