package org.convertalot.cli;

import java.io.PrintWriter;

/** Shows how a batch advances; called from the one thread that collects outcomes. */
interface ProgressReporter {
  /**
   * A file ended.
   *
   * @param done files ended so far, this one included
   * @param total files in the batch
   * @param outcome how it ended
   */
  void finished(int done, int total, FileOutcome outcome);

  /** Called about every quarter second while waiting, so that a display can refresh rates. */
  default void tick() {}

  /** The batch ended; leaves the stream ready for the summary. */
  default void close() {}

  /** A redrawn bar on a terminal, plain lines otherwise (pipes, files, {@code --json}). */
  static ProgressReporter create(
      PrintWriter err, boolean terminal, int total, java.util.function.Supplier<String> current) {
    return terminal
        ? new BarProgress(err, total, TerminalWidth.detect(), current, System::nanoTime)
        : new LineProgress(err);
  }
}
