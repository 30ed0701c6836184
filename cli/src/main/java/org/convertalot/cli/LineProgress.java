package org.convertalot.cli;

import java.io.PrintWriter;

/** One plain line per finished file, no control characters: fit for logs and pipes. */
final class LineProgress implements ProgressReporter {
  private final PrintWriter err;

  LineProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void finished(int done, int total, FileOutcome o) {
    err.println("[" + done + "/" + total + "] " + describe(o));
    err.flush();
  }

  /**
   * {@code done a/b.pdf (3 pages)}, {@code done a/b.pdf (3 pages, warning garbled_text_layer on
   * pages 2, 3)} or {@code failed a/c.pdf invalid_input(encrypted): ...}.
   */
  static String describe(FileOutcome o) {
    String warnings = o.warnings().isEmpty() ? "" : ", " + WarningText.brief(o.warnings());
    switch (o.kind()) {
      case CONVERTED:
        return "done " + o.file().display() + " (" + pages(o.pages()) + warnings + ")";
      case REUSED:
        return "done "
            + o.file().display()
            + " ("
            + pages(o.pages())
            + ", converted before"
            + warnings
            + ")";
      case FAILED:
      default:
        return "failed " + o.file().display() + " " + o.codeWithReason() + ": " + o.message();
    }
  }

  static String pages(int n) {
    return n == 1 ? "1 page" : n + " pages";
  }
}
