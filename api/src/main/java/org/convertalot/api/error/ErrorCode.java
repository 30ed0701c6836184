package org.convertalot.api.error;

import java.util.Locale;
import java.util.Optional;

/**
 * The stable error codes of the contract. The {@link #code()} string is what is persisted, logged,
 * printed by the CLI and matched by users; it never changes once released.
 */
public enum ErrorCode {
  /** The request itself is malformed (bad argument, unknown engine, bad page size). */
  INVALID_REQUEST(false),
  /** The input file cannot be converted; {@code details.reason} says why. */
  INVALID_INPUT(false),
  /** A GPU was required but no usable GPU runtime was found. */
  GPU_NOT_AVAILABLE(false),
  /** No engine can serve the request in this environment (missing runtime, broken plug-in). */
  BACKEND_UNAVAILABLE(false),
  /** The engine failed while converting (crash, out of memory, unexpected exception). */
  BACKEND_FAILED(true),
  /** The job ran past its deadline. */
  TIMEOUT(true),
  /** The engine reported no progress within the stall window, or its heartbeat stopped. */
  STALLED(true),
  /** The job was canceled by a user. */
  CANCELED(false),
  /** No job with that id exists in this store. */
  JOB_NOT_FOUND(false),
  /** The caller's run id no longer owns the job: another run claimed it or it was reaped. */
  LEASE_LOST(false),
  /** A write tried to change a job that already ended. */
  TERMINAL_STATE_CONFLICT(false),
  /** An artifact does not match its manifest (hash or size) or is missing. */
  INTEGRITY_VIOLATION(false),
  /** The data root belongs to another namespace or format. */
  DATA_ROOT_CONFLICT(false),
  /** The store cannot be read or written (disk full, permissions, database down). */
  STORE_UNAVAILABLE(true),
  /** The runtime was configured inconsistently (duplicate engine ids, bad thresholds). */
  CONFIGURATION_ERROR(false);

  private final boolean retryableByDefault;

  ErrorCode(boolean retryableByDefault) {
    this.retryableByDefault = retryableByDefault;
  }

  /** {@return the stable snake_case code, for example {@code invalid_input}} */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@return whether a job failing with this code is retried when it has attempts left} */
  public boolean retryableByDefault() {
    return retryableByDefault;
  }

  /**
   * Looks up a code by its snake_case name.
   *
   * @param code the snake_case name
   * @return the code, or empty when the name is unknown
   */
  public static Optional<ErrorCode> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    for (ErrorCode c : values()) {
      if (c.code().equals(code)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
