package org.convertalot.eval.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The few Python {@code str} and {@code re} behaviours the reference evaluator relies on: what
 * counts as whitespace ({@code str.isspace}, {@code \s} of a {@code str} pattern), {@code strip()},
 * {@code splitlines()} and {@code re.sub(r"\s+", " ", s).strip()}. Java's own definitions differ
 * (for example {@code \s} misses U+00A0 and {@code String.strip} misses U+001C..U+001F), and the
 * scores are compared with the published ones to 1e-6, so every such step goes through here.
 */
final class PyText {
  /** A regex character-class body equal to Python's {@code \s} on {@code str}. */
  static final String WS_CLASS =
      "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

  private PyText() {}

  /** Python's {@code str.isspace} for one code point. */
  static boolean isSpace(int cp) {
    if (cp <= 0x20) {
      return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
    }
    return cp == 0x85
        || cp == 0xA0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202F
        || cp == 0x205F
        || cp == 0x3000;
  }

  /** Python's {@code s.strip()}. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Python's {@code re.sub(r"\s+", " ", s).strip()}: every whitespace run becomes one space. */
  static String collapseWhitespace(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        pendingSpace = true;
      } else {
        if (pendingSpace && out.length() > 0) {
          out.append(' ');
        }
        pendingSpace = false;
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether Python's {@code splitlines} ends a line at this character. */
  private static boolean isLineBreak(char c) {
    return c == '\n'
        || c == '\r'
        || c == 0x0B
        || c == 0x0C
        || c == 0x1C
        || c == 0x1D
        || c == 0x1E
        || c == 0x85
        || c == 0x2028
        || c == 0x2029;
  }

  /**
   * Python's {@code s.splitlines(keepends)}: breaks at {@code \r\n} and every line-break character
   * Python knows, not only {@code \n}.
   */
  static List<String> splitLines(String s, boolean keepEnds) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!isLineBreak(c)) {
        i++;
        continue;
      }
      int contentEnd = i;
      i += (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') ? 2 : 1;
      lines.add(s.substring(start, keepEnds ? i : contentEnd));
      start = i;
    }
    if (start < s.length()) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  /**
   * Python's {@code int(s)} for a decimal string: surrounding whitespace, an optional sign, Unicode
   * decimal digits, single underscores between digits.
   *
   * @throws IllegalArgumentException where Python raises {@code ValueError}
   */
  static int parseInt(String s) {
    String t = strip(s);
    int i = 0;
    boolean negative = false;
    if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
      negative = t.charAt(0) == '-';
      i++;
    }
    long value = 0;
    boolean digitBefore = false;
    boolean any = false;
    while (i < t.length()) {
      int cp = t.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '_' && digitBefore && i < t.length()) {
        digitBefore = false;
        continue;
      }
      int digit =
          Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(cp, 10) : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("invalid literal for int(): '" + s + "'");
      }
      value = Math.min(value * 10 + digit, Integer.MAX_VALUE + 1L);
      digitBefore = true;
      any = true;
    }
    if (!any || !digitBefore) {
      throw new IllegalArgumentException("invalid literal for int(): '" + s + "'");
    }
    long signed = negative ? -value : value;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, signed));
  }
}
