package org.convertalot.cli;

/**
 * Text from outside (file names, record fields, error messages) made safe for a terminal: control
 * characters, including the escape that starts a terminal control sequence, and the invisible
 * bidirectional overrides never reach the screen as themselves.
 */
final class Display {
  private Display() {}

  /**
   * The text with every control or bidi-override character shown as {@code \xHH} or {@code
   * \\uHHHH}; printable text is unchanged.
   */
  static String safe(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isUnsafe(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 8).append(text, 0, i);
        }
        out.append(
            c < 0x100 ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** The text with every unsafe character replaced by {@code _}, for use in a file name. */
  static String withoutControls(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(isUnsafe(c) ? '_' : c);
    }
    return out.toString();
  }

  private static boolean isUnsafe(char c) {
    return c < 0x20
        || (c >= 0x7F && c < 0xA0)
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
