package org.convertalot.cli;

import java.io.PrintWriter;
import org.convertalot.api.error.ConversionException;

/** Prints runtime errors the same way in every command: one line, a stack trace only if asked. */
final class Errors {
  /** The exit code of a runtime or store failure. */
  static final int RUNTIME_FAILURE = 1;

  private Errors() {}

  /**
   * Prints {@code error: <code>: <message>} (or {@code error: <message>} for an unexpected
   * exception) and returns {@link #RUNTIME_FAILURE}.
   */
  static int report(PrintWriter err, Exception e, boolean verbose) {
    if (e instanceof ConversionException) {
      ConversionException ce = (ConversionException) e;
      err.println("error: " + ce.code() + ": " + ce.getMessage());
    } else {
      err.println("error: " + e);
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return RUNTIME_FAILURE;
  }
}
