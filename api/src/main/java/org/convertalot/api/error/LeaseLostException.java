package org.convertalot.api.error;

import java.util.Map;

/** Code {@code lease_lost}. */
public class LeaseLostException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public LeaseLostException(
      String message, Map<String, String> details, String jobId, int attempt) {
    super(ErrorCode.LEASE_LOST, message, details, false, jobId, attempt, null);
  }
}
