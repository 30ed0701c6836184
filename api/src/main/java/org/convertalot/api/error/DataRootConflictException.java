package org.convertalot.api.error;

import java.util.Map;

/** Code {@code data_root_conflict}. */
public class DataRootConflictException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   */
  public DataRootConflictException(String message, Map<String, String> details) {
    super(ErrorCode.DATA_ROOT_CONFLICT, message, details, false, null, 0, null);
  }
}
