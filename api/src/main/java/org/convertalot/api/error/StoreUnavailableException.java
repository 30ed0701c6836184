package org.convertalot.api.error;

import java.util.Map;

/** Code {@code store_unavailable}. */
public class StoreUnavailableException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   * @param cause the underlying cause, or {@code null}
   */
  public StoreUnavailableException(String message, Map<String, String> details, Throwable cause) {
    super(ErrorCode.STORE_UNAVAILABLE, message, details, true, null, 0, cause);
  }
}
