package org.convertalot.api.error;

import java.util.Map;

/** Code {@code lease_lost}. */
public class LeaseLostException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   */
  public LeaseLostException(
      String message, Map<String, String> details, String jobId, int attempt) {
    super(ErrorCode.LEASE_LOST, message, details, false, jobId, attempt, null);
  }
}
