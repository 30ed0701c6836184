package org.convertalot.api.error;

import java.util.Map;

/** Code {@code terminal_state_conflict}. */
public class TerminalStateConflictException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   */
  public TerminalStateConflictException(
      String message, Map<String, String> details, String jobId, int attempt) {
    super(ErrorCode.TERMINAL_STATE_CONFLICT, message, details, false, jobId, attempt, null);
  }
}
