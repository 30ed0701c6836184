package org.convertalot.cli;

import java.util.List;
import org.convertalot.api.Warning;
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
 * @param warnings the result's warnings (empty when failed or when there are none)
 */
record FileOutcome(
    PlannedFile file,
    Kind kind,
    int pages,
    String fallbackReason,
    String code,
    String reason,
    String message,
    List<Warning> warnings) {

  FileOutcome {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** How a file ended. */
  enum Kind {
    CONVERTED,
    REUSED,
    FAILED
  }

  static FileOutcome succeeded(
      PlannedFile file, boolean reused, int pages, String fallback, List<Warning> warnings) {
    return new FileOutcome(
        file, reused ? Kind.REUSED : Kind.CONVERTED, pages, fallback, null, null, null, warnings);
  }

  static FileOutcome failed(PlannedFile file, ConversionException e) {
    return failed(file, e.code(), e.details().get("reason"), e.getMessage());
  }

  static FileOutcome failed(PlannedFile file, String code, String reason, String message) {
    // Messages name paths and quote the input: never let them drive the terminal.
    return new FileOutcome(
        file, Kind.FAILED, 0, null, code, reason, Display.safe(message), List.of());
  }

  boolean ok() {
    return kind != Kind.FAILED;
  }

  /** {@code invalid_input(encrypted)}, or just the code when there is no reason. */
  String codeWithReason() {
    return reason == null ? code : code + "(" + reason + ")";
  }
}
