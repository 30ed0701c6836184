package org.convertalot.api.error;

import java.util.Map;

/** Code {@code store_unavailable}. */
public class StoreUnavailableException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public StoreUnavailableException(String message, Map<String, String> details, Throwable cause) {
    super(ErrorCode.STORE_UNAVAILABLE, message, details, true, null, 0, cause);
  }
}
