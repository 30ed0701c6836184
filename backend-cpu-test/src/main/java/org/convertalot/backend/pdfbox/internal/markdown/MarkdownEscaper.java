package org.convertalot.backend.pdfbox.internal.markdown;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escapes extracted text so that CommonMark renders it literally. The input is one paragraph on one
 * line (the assembler joins wrapped lines), so only the start of the text can open a block; inside
 * it only the characters that can start inline markup are escaped, which keeps ordinary prose such
 * as {@code [1]}, {@code AT&T} or {@code snake_case} unchanged.
 */
final class MarkdownEscaper {

  /** A character reference that CommonMark would decode: {@code &amp;}, {@code &#35;}. */
  private static final Pattern ENTITY =
      Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});");

  /** An ordered list marker: up to nine digits, then {@code .} or {@code )}. */
  private static final Pattern ORDERED_LIST_MARKER = Pattern.compile("^[0-9]{1,9}[.)]");

  private MarkdownEscaper() {}

  /**
   * Escapes one paragraph: block markers at its start ({@code #}, {@code >}, {@code -}, {@code +},
   * {@code ~}, {@code [}, {@code 1.}) and inline markup anywhere.
   *
   * @param text trimmed single-line text without control characters
   * @return Markdown that renders as exactly {@code text}
   */
  static String paragraph(String text) {
    if (text.isEmpty()) {
      return text;
    }
    Matcher ordered = ORDERED_LIST_MARKER.matcher(text);
    if (ordered.find()) {
      int markerEnd = ordered.end() - 1;
      return text.substring(0, markerEnd)
          + '\\'
          + inline(text.substring(markerEnd), false, text.charAt(markerEnd - 1));
    }
    char first = text.charAt(0);
    if ("#>-+~[".indexOf(first) >= 0) {
      return "\\" + first + inline(text.substring(1), false, first);
    }
    return inline(text, false);
  }

  /**
   * Escapes the text of an ATX heading (the caller writes the {@code #} marks). Every {@code #} is
   * escaped as well, so that a trailing one is not taken for a closing sequence.
   *
   * @param text trimmed single-line text without control characters
   * @return Markdown heading content that renders as exactly {@code text}
   */
  static String heading(String text) {
    return inline(text, true);
  }

  /** Escapes inline markup only, for text that cannot start a block (a table cell). */
  static String inlineText(String text) {
    return inline(text, false);
  }

  private static String inline(String text, boolean escapeHashes) {
    return inline(text, escapeHashes, '\0');
  }

  /**
   * Escapes inline markup.
   *
   * @param text the text
   * @param escapeHashes whether to escape every {@code #}
   * @param before the character that precedes {@code text} in the output, or NUL at the start
   */
  private static String inline(String text, boolean escapeHashes, char before) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    Matcher entity = ENTITY.matcher(text);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char previous = i > 0 ? text.charAt(i - 1) : before;
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      boolean escape =
          switch (c) {
            case '\\', '`', '*', '<' -> true;
            // Intraword underscores never open or close emphasis in CommonMark.
            case '_' -> !(Character.isLetterOrDigit(previous) && Character.isLetterOrDigit(next));
            // Without "](" there is no inline link or image; reference links need a definition,
            // and a definition can only start a block, which paragraph() escapes.
            case '(' -> previous == ']';
            case '&' -> entity.region(i, text.length()).lookingAt();
            case '#' -> escapeHashes;
            default -> false;
          };
      if (escape) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
