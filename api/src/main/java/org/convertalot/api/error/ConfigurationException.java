package org.convertalot.api.error;

import java.util.Map;

/** Code {@code configuration_error}. */
public class ConfigurationException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message a human readable message
   */
  public ConfigurationException(String message) {
    this(message, Map.of());
  }

  /**
   * Creates the exception with details.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   */
  public ConfigurationException(String message, Map<String, String> details) {
    super(ErrorCode.CONFIGURATION_ERROR, message, details, false, null, 0, null);
  }
}
