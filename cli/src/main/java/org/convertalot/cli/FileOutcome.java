package org.convertalot.cli;

import org.convertalot.api.error.ConversionException;

/**
 * How one file of a batch ended.
 *
 * @param file the file
 * @param kind converted by this run, read back from an earlier run, or failed
 * @param pages pages of the Markdown (0 when failed)
 * @param fallbackReason why a {@code gpu_prefer} job ran on CPU, or {@code null}
 * @param code the error code when failed, else {@code null}
 * @param reason the error's {@code details.reason} when it has one, else {@code null}
 * @param message the error message when failed (terminal-safe), else {@code null}
 */
record FileOutcome(
    PlannedFile file,
    Kind kind,
    int pages,
    String fallbackReason,
    String code,
    String reason,
    String message) {

  /** How a file ended. */
  enum Kind {
    CONVERTED,
    REUSED,
    FAILED
  }

  static FileOutcome succeeded(PlannedFile file, boolean reused, int pages, String fallback) {
    return new FileOutcome(
        file, reused ? Kind.REUSED : Kind.CONVERTED, pages, fallback, null, null, null);
  }

  static FileOutcome failed(PlannedFile file, ConversionException e) {
    return failed(file, e.code(), e.details().get("reason"), e.getMessage());
  }

  static FileOutcome failed(PlannedFile file, String code, String reason, String message) {
    // Messages name paths and quote the input: never let them drive the terminal.
    return new FileOutcome(file, Kind.FAILED, 0, null, code, reason, Display.safe(message));
  }

  boolean ok() {
    return kind != Kind.FAILED;
  }

  /** {@code invalid_input(encrypted)}, or just the code when there is no reason. */
  String codeWithReason() {
    return reason == null ? code : code + "(" + reason + ")";
  }
}
