package org.convertalot.core.store.spi;

import java.io.IOException;

/**
 * Stored bytes that are not a record of this format: empty, not JSON, a missing or ill-typed field,
 * an unknown state, a record that breaks a rule no repair can restore. Unlike other I/O errors it
 * says nothing about the store's health: a store isolates the record (the file store moves it to
 * its quarantine folder) and goes on with every other job.
 */
public final class UnreadableRecordException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason what is wrong, in words fit for a user (no parser internals)
   */
  public UnreadableRecordException(String reason) {
    super(reason);
  }

  /**
   * Creates the exception with the parser's error, kept for logs only.
   *
   * @param reason what is wrong, in words fit for a user (no parser internals)
   * @param cause the parser's error
   */
  public UnreadableRecordException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
