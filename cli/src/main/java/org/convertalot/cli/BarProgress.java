package org.convertalot.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A single status line redrawn with a carriage return ({@link BarLine}: files done of total,
 * pages/s of this run, failures, elapsed time, the estimate of what is left, the current file),
 * fitted to the terminal's width. Failed files, and files whose result has warnings, are also
 * printed as lines above it so that they stay visible.
 */
final class BarProgress implements ProgressReporter {
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final int total;
  private final int width;
  private final Supplier<String> current;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private int done;
  private int failed;
  private long pages;
  private int lastLength;
  private long lastDraw;

  BarProgress(PrintWriter err, int total) {
    this(err, total, TerminalWidth.detect(), () -> null, System::nanoTime);
  }

  /**
   * A bar.
   *
   * @param width the terminal's columns
   * @param current the file that last started, or null
   * @param nanoTime the time source, {@link System#nanoTime()} outside tests
   */
  BarProgress(
      PrintWriter err, int total, int width, Supplier<String> current, LongSupplier nanoTime) {
    this.err = err;
    this.total = total;
    this.width = width;
    this.current = current;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
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
    if (nanoTime.getAsLong() - lastDraw >= REDRAW_NANOS) {
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
    long now = nanoTime.getAsLong();
    String line =
        BarLine.render(
            width,
            done,
            total,
            pages,
            failed,
            Duration.ofNanos(now - startNanos),
            done < total ? current.get() : null);
    // Pads over a longer previous line: no terminal escape codes needed.
    err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    err.flush();
    lastLength = line.length();
    lastDraw = now;
  }

  private void clear() {
    err.print("\r" + " ".repeat(lastLength) + "\r");
    lastLength = 0;
  }
}
