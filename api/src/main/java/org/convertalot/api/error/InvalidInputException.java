package org.convertalot.api.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The input cannot be converted. Code {@code invalid_input}; {@code details.reason} is one of
 * {@link InvalidInputReason}. Fails the job at once, never retried.
 */
public class InvalidInputException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a reason.
   *
   * @param reason why the input cannot be converted
   * @param message a human readable message
   */
  public InvalidInputException(InvalidInputReason reason, String message) {
    this(reason, message, Map.of(), null);
  }

  /**
   * Creates the exception for a reason, with extra details and a cause.
   *
   * @param reason why the input cannot be converted
   * @param message a human readable message
   * @param extra more facts beside the reason; copied
   * @param cause the underlying cause, or {@code null}
   */
  public InvalidInputException(
      InvalidInputReason reason, String message, Map<String, String> extra, Throwable cause) {
    super(ErrorCode.INVALID_INPUT, message, withReason(reason, extra), false, null, 0, cause);
  }

  /**
   * Creates the exception from stored details.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   */
  public InvalidInputException(
      String message, Map<String, String> details, String jobId, int attempt) {
    super(ErrorCode.INVALID_INPUT, message, details, false, jobId, attempt, null);
  }

  /** {@return the reason, when the details name a known one} */
  public Optional<InvalidInputReason> reason() {
    return InvalidInputReason.fromCode(details().get("reason"));
  }

  private static Map<String, String> withReason(
      InvalidInputReason reason, Map<String, String> extra) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("reason", reason.code());
    if (extra != null) {
      extra.forEach(details::putIfAbsent);
    }
    return details;
  }
}
