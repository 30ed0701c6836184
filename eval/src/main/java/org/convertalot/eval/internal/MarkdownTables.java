package org.convertalot.eval.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The scoring pre-step: every Markdown pipe table becomes one line of HTML ({@code
 * <table><tr><th>…</th></tr><tr><td>…</td></tr></table>}), and everything else, HTML tables
 * included, is left as it is. It follows the reference's converter line by line rather than a
 * Markdown parser, because its quirks change scores: a table starts at any line holding a {@code
 * |}, escaped pipes still split cells, a three-cell row in a wider table repeats its middle cell,
 * and an all-empty header row is replaced by the first body row.
 */
final class MarkdownTables {
  private MarkdownTables() {}

  /** The Markdown with each pipe table replaced by its HTML. */
  static String toHtml(String markdown) {
    if (markdown.isEmpty()) {
      return markdown;
    }
    List<String> lines = PyText.splitLines(markdown, true);
    StringBuilder out = new StringBuilder(markdown.length() + 256);
    int idx = 0;
    while (idx < lines.size()) {
      List<String> header = splitRow(lines.get(idx));
      List<String> separator = idx + 1 < lines.size() ? splitRow(lines.get(idx + 1)) : null;
      if (header == null || separator == null || !isSeparator(separator)) {
        out.append(lines.get(idx));
        idx++;
        continue;
      }
      int width = Math.max(header.size(), separator.size());
      header = fit(header, width);
      List<List<String>> body = new ArrayList<>();
      int walker = idx + 2;
      while (walker < lines.size()) {
        List<String> row = splitRow(lines.get(walker));
        if (row == null) {
          break;
        }
        body.add(fit(row, width));
        walker++;
      }
      if (!body.isEmpty() && header.stream().allMatch(String::isEmpty)) {
        header = body.remove(0);
      }
      out.append(render(header, body)).append(lineEnding(lines.get(idx)));
      idx = walker;
    }
    return out.toString();
  }

  /** The stripped cells of a row, or null when the line holds no {@code |} (or no cell). */
  static List<String> splitRow(String line) {
    String trimmed = PyText.strip(line);
    if (trimmed.isEmpty() || trimmed.indexOf('|') < 0) {
      return null;
    }
    List<String> cells = new ArrayList<>(List.of(trimmed.split("\\|", -1)));
    if (trimmed.startsWith("|")) {
      cells.remove(0);
    }
    if (!cells.isEmpty() && trimmed.endsWith("|")) {
      cells.remove(cells.size() - 1);
    }
    if (cells.isEmpty()) {
      return null;
    }
    cells.replaceAll(PyText::strip);
    return cells;
  }

  /** A separator row: every cell, spaces removed, is a non-empty run of {@code -} and {@code :}. */
  static boolean isSeparator(List<String> cells) {
    for (String cell : cells) {
      String content = cell.replace(" ", "");
      if (content.isEmpty() || !content.chars().allMatch(c -> c == '-' || c == ':')) {
        return false;
      }
    }
    return !cells.isEmpty();
  }

  /** Pads or truncates a row to the table's width (the reference's "best-effort normalization"). */
  static List<String> fit(List<String> cells, int width) {
    if (width <= 0 || cells.size() == width) {
      return cells;
    }
    if (cells.size() == 3 && width > 3) {
      // The reference reads "| A | B | C |" in a wider table as a header whose middle spans.
      List<String> spread = new ArrayList<>(width);
      spread.add(cells.get(0));
      spread.addAll(Collections.nCopies(width - 2, cells.get(1)));
      spread.add(cells.get(2));
      return spread;
    }
    if (cells.size() < width) {
      List<String> padded = new ArrayList<>(cells);
      padded.addAll(Collections.nCopies(width - cells.size(), ""));
      return padded;
    }
    return new ArrayList<>(cells.subList(0, width));
  }

  private static String render(List<String> header, List<List<String>> body) {
    StringBuilder html = new StringBuilder("<table><tr>");
    for (String cell : header) {
      html.append("<th>").append(escape(cell)).append("</th>");
    }
    html.append("</tr>");
    for (List<String> row : body) {
      html.append("<tr>");
      for (String cell : row) {
        html.append("<td>").append(escape(cell)).append("</td>");
      }
      html.append("</tr>");
    }
    return html.append("</table>").toString();
  }

  /** Python's {@code html.escape(s, quote=True)}. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#x27;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The table keeps its header line's ending; other line breaks inside it are dropped. */
  private static String lineEnding(String line) {
    if (line.endsWith("\r\n")) {
      return "\r\n";
    }
    if (line.endsWith("\n")) {
      return "\n";
    }
    return line.endsWith("\r") ? "\r" : "";
  }
}
