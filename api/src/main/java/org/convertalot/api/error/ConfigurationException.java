package org.convertalot.api.error;

import java.util.Map;

/** Code {@code configuration_error}. */
public class ConfigurationException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ConfigurationException(String message) {
    this(message, Map.of());
  }

  /** Creates the exception with details. */
  public ConfigurationException(String message, Map<String, String> details) {
    super(ErrorCode.CONFIGURATION_ERROR, message, details, false, null, 0, null);
  }
}
