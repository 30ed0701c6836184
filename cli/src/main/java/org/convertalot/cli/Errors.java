package org.convertalot.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.StoreUnavailableException;

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
    return report(err, e, verbose, Secrets.NONE);
  }

  /**
   * Like {@link #report(PrintWriter, Exception, boolean)}, with the secrets scrubbed from the line
   * and the stack trace. A {@code store_unavailable} line also names its reason and first cause
   * (for example the database's "password authentication failed"), which the store's message may
   * leave out.
   */
  static int report(PrintWriter err, Exception e, boolean verbose, Secrets secrets) {
    if (e instanceof ConversionException) {
      ConversionException ce = (ConversionException) e;
      err.println(secrets.scrub("error: " + ce.code() + ": " + ce.getMessage() + why(ce)));
    } else {
      err.println(secrets.scrub("error: " + e));
    }
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(secrets.scrub(trace.toString()));
    }
    err.flush();
    return RUNTIME_FAILURE;
  }

  /**
   * {@code " (reason: cause)"} for a store failure: its reason, and the first cause whose message
   * the line does not show yet (a pool's timeout wraps the driver's "password authentication
   * failed").
   */
  private static String why(ConversionException e) {
    if (!(e instanceof StoreUnavailableException)) {
      return "";
    }
    String message = String.valueOf(e.getMessage());
    String cause = null;
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t.getMessage() != null && !message.contains(t.getMessage())) {
        // A driver's message speaks for itself; "nonexistent.example" alone does not.
        cause =
            t instanceof SQLException
                ? t.getMessage()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
        break;
      }
    }
    String reason = e.details().get("reason");
    if (reason == null && cause == null) {
      return "";
    }
    if (reason == null || cause == null) {
      return " (" + (reason != null ? reason : cause) + ")";
    }
    return " (" + reason + ": " + cause + ")";
  }
}
