package org.convertalot.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A single status line redrawn with a carriage return: files done of total, pages/s of this run,
 * failures. Failed files, and files whose result has warnings, are also printed as lines above it
 * so that they stay visible.
 */
final class BarProgress implements ProgressReporter {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final int total;
  private final long startNanos = System.nanoTime();
  private int done;
  private int failed;
  private long pages;
  private int lastLength;
  private long lastDraw;

  BarProgress(PrintWriter err, int total) {
    this.err = err;
    this.total = total;
    draw();
  }

  @Override
  public void finished(int done, int total, FileOutcome o) {
    this.done = done;
    if (o.kind() == FileOutcome.Kind.FAILED) {
      failed++;
      clear();
      err.println(LineProgress.describe(o));
    } else {
      if (o.kind() == FileOutcome.Kind.CONVERTED) {
        pages += o.pages();
      }
      if (!o.warnings().isEmpty()) {
        clear();
        err.println(LineProgress.describe(o));
      }
    }
    draw();
  }

  @Override
  public void tick() {
    if (System.nanoTime() - lastDraw >= REDRAW_NANOS) {
      draw();
    }
  }

  @Override
  public void close() {
    draw();
    err.println();
    err.flush();
  }

  private void draw() {
    int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    String line =
        String.format(
            Locale.ROOT,
            "[%s%s] %d/%d files  %.1f pages/s  %d failed",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled),
            done,
            total,
            pages / seconds,
            failed);
    // Pads over a longer previous line: no terminal escape codes needed.
    err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    err.flush();
    lastLength = line.length();
    lastDraw = System.nanoTime();
  }

  private void clear() {
    err.print("\r" + " ".repeat(lastLength) + "\r");
    lastLength = 0;
  }
}
