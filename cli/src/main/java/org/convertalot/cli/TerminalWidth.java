package org.convertalot.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The columns of the terminal the CLI writes to, asked once per run. */
final class TerminalWidth {
  /** The width when the terminal does not say. */
  static final int FALLBACK = 80;

  private TerminalWidth() {}

  /** {@code COLUMNS} when the shell exports it, else what {@code stty} says, else 80. */
  static int detect() {
    Integer columns = parse(System.getenv("COLUMNS"));
    if (columns != null) {
      return columns;
    }
    File tty = new File("/dev/tty");
    if (!tty.canRead()) {
      return FALLBACK;
    }
    try {
      Process stty =
          new ProcessBuilder("stty", "size")
              .redirectInput(tty)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!stty.waitFor(1, TimeUnit.SECONDS)) {
        stty.destroyForcibly();
        return FALLBACK;
      }
      String[] rowsAndColumns =
          new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
              .strip()
              .split("\\s+");
      Integer fromStty = rowsAndColumns.length == 2 ? parse(rowsAndColumns[1]) : null;
      return fromStty == null ? FALLBACK : fromStty;
    } catch (java.io.IOException e) {
      return FALLBACK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FALLBACK;
    }
  }

  /** A positive column count, or null. */
  static Integer parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(text.strip());
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
