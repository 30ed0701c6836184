package org.convertalot.api.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The root of the one unchecked error hierarchy. Every failure the library reports carries a stable
 * {@link #code()}, a message, a details map, whether it is {@link #retryable()}, and the job id and
 * attempt where known.
 */
public class ConversionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The stable code. */
  private final ErrorCode errorCode;

  /** Extra facts; unmodifiable. */
  private final Map<String, String> details;

  /** Whether retrying may succeed. */
  private final boolean retryable;

  /** The job id, or {@code null}. */
  private final String jobId;

  /** The attempt number, or 0 when unknown. */
  private final int attempt;

  /**
   * Creates an exception with the code's default retry classification.
   *
   * @param errorCode the stable code
   * @param message a human readable message
   * @param details extra facts (for example {@code reason}); copied
   * @param cause the underlying cause, or {@code null}
   */
  public ConversionException(
      ErrorCode errorCode, String message, Map<String, String> details, Throwable cause) {
    this(errorCode, message, details, errorCode.retryableByDefault(), null, 0, cause);
  }

  /**
   * Creates a fully specified exception.
   *
   * @param errorCode the stable code
   * @param message a human readable message
   * @param details extra facts; copied
   * @param retryable whether retrying may succeed
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   * @param cause the underlying cause, or {@code null}
   */
  public ConversionException(
      ErrorCode errorCode,
      String message,
      Map<String, String> details,
      boolean retryable,
      String jobId,
      int attempt,
      Throwable cause) {
    super(message, cause);
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    this.details =
        details == null || details.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    this.retryable = retryable;
    this.jobId = jobId;
    this.attempt = attempt;
  }

  /** {@return the stable snake_case code, for example {@code lease_lost}} */
  public final String code() {
    return errorCode.code();
  }

  /** {@return the code as an enum} */
  public final ErrorCode errorCode() {
    return errorCode;
  }

  /** {@return extra facts about the failure; never null} */
  public final Map<String, String> details() {
    return details;
  }

  /** {@return whether retrying the job may succeed} */
  public final boolean retryable() {
    return retryable;
  }

  /** {@return the job this failure belongs to, when known} */
  public final Optional<String> jobId() {
    return Optional.ofNullable(jobId);
  }

  /** {@return the attempt this failure belongs to, or 0 when unknown} */
  public final int attempt() {
    return attempt;
  }

  /**
   * Returns an exception of the right subtype for a stored error, so that callers can catch by type
   * whatever the source of the error (this runtime, another process, a store record).
   *
   * @param code the stable code
   * @param message a human readable message
   * @param details extra facts; copied
   * @param retryable whether retrying may succeed
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   * @return an exception whose class matches the code
   */
  public static ConversionException of(
      ErrorCode code,
      String message,
      Map<String, String> details,
      boolean retryable,
      String jobId,
      int attempt) {
    switch (code) {
      case INVALID_REQUEST:
        return new InvalidRequestException(message, details, jobId, attempt);
      case INVALID_INPUT:
        return new InvalidInputException(message, details, jobId, attempt);
      case GPU_NOT_AVAILABLE:
        return new GpuNotAvailableException(message, details, jobId, attempt);
      case BACKEND_UNAVAILABLE:
        return new BackendUnavailableException(message, details, jobId, attempt);
      case BACKEND_FAILED:
        return new BackendFailedException(message, details, retryable, jobId, attempt, null);
      case TIMEOUT:
        return new ConversionTimeoutException(message, details, retryable, jobId, attempt);
      case STALLED:
        return new StalledException(message, details, retryable, jobId, attempt);
      case CANCELED:
        return new CanceledException(message, details, jobId, attempt);
      case JOB_NOT_FOUND:
        return new JobNotFoundException(message, details, jobId);
      case LEASE_LOST:
        return new LeaseLostException(message, details, jobId, attempt);
      case TERMINAL_STATE_CONFLICT:
        return new TerminalStateConflictException(message, details, jobId, attempt);
      case INTEGRITY_VIOLATION:
        return new IntegrityViolationException(message, details, jobId, attempt);
      case DATA_ROOT_CONFLICT:
        return new DataRootConflictException(message, details);
      case STORE_UNAVAILABLE:
        return new StoreUnavailableException(message, details, null);
      case CONFIGURATION_ERROR:
        return new ConfigurationException(message, details);
      default:
        throw new AssertionError(code);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(code()).append(": ").append(getMessage());
    if (!details.isEmpty()) {
      sb.append(' ').append(details);
    }
    if (jobId != null) {
      sb.append(" [job ").append(jobId);
      if (attempt > 0) {
        sb.append(" attempt ").append(attempt);
      }
      sb.append(']');
    }
    return sb.toString();
  }
}
