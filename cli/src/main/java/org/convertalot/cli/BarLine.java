package org.convertalot.cli;

import java.time.Duration;
import java.util.Locale;

/**
 * The text of the progress bar, fitted to the terminal's width so that it never wraps: counts and
 * rates first, then elapsed time and the estimate of what is left, then the bar, then the current
 * file, which is cut first when the terminal is narrow.
 */
final class BarLine {
  /** The widest the bar itself gets. */
  static final int MAX_BAR = 30;

  /** A bar narrower than this says nothing the counts do not: it is left out. */
  static final int MIN_BAR = 8;

  private BarLine() {}

  /**
   * The line.
   *
   * @param width the terminal's columns; the line is at most {@code width - 1} long, since writing
   *     the last column wraps on some terminals
   * @param done files ended
   * @param total files in the batch
   * @param pages pages converted
   * @param failed files failed
   * @param elapsed time since the batch started
   * @param current the file that last started, or null
   */
  static String render(
      int width, int done, int total, long pages, int failed, Duration elapsed, String current) {
    int room = Math.max(1, width - 1);
    double seconds = Math.max(1e-3, elapsed.toNanos() / 1e9);
    StringBuilder stats =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%d/%d files  %.1f pages/s  %d failed  %s",
                done,
                total,
                pages / seconds,
                failed,
                clock(elapsed)));
    if (done > 0 && done < total) {
      long left = (long) (elapsed.toNanos() / (double) done * (total - done));
      stats.append("  ETA ").append(clock(Duration.ofNanos(left)));
    }
    int barWidth = Math.min(MAX_BAR, room - stats.length() - 3);
    StringBuilder line = new StringBuilder();
    if (barWidth >= MIN_BAR) {
      int filled = total == 0 ? barWidth : (int) ((long) done * barWidth / total);
      line.append('[')
          .append("#".repeat(filled))
          .append("-".repeat(barWidth - filled))
          .append("] ");
    }
    line.append(stats);
    if (current != null && line.length() + 3 < room) {
      String name = Display.safe(current);
      int fits = room - line.length() - 2;
      line.append("  ")
          .append(name.length() <= fits ? name : "…" + name.substring(name.length() - fits + 1));
    }
    return line.length() <= room ? line.toString() : line.substring(0, room);
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
