package org.convertalot.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.ErrorCode;

/**
 * A failure as stored on a job record.
 *
 * @param code the stable error code
 * @param message the message
 * @param details extra facts, for example {@code reason}
 * @param retryable whether retrying may succeed
 */
public record ErrorInfo(
    ErrorCode code, String message, Map<String, String> details, boolean retryable) {
  /**
   * Validates and copies the fields.
   *
   * @param code the stable error code
   * @param message the message
   * @param details extra facts, for example {@code reason}
   * @param retryable whether retrying may succeed
   */
  public ErrorInfo {
    Objects.requireNonNull(code, "code");
    message = message == null ? "" : message;
    details =
        details == null || details.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /**
   * The stored form of an exception.
   *
   * @param e the exception
   * @return its stored form
   */
  public static ErrorInfo of(ConversionException e) {
    return new ErrorInfo(e.errorCode(), e.getMessage(), e.details(), e.retryable());
  }

  /**
   * An exception of the right subtype for this error.
   *
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   * @return the exception
   */
  public ConversionException toException(JobId jobId, int attempt) {
    return ConversionException.of(
        code, message, details, retryable, jobId == null ? null : jobId.value(), attempt);
  }
}
