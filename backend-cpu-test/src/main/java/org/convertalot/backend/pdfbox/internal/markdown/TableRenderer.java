package org.convertalot.backend.pdfbox.internal.markdown;

import java.util.List;
import org.convertalot.backend.pdfbox.internal.tables.Table;

/**
 * Writes a {@link Table} as Markdown: a GitHub pipe table (first row as header) when every cell
 * covers one grid position, else an HTML table, since pipe tables cannot express spans. Both forms
 * survive a CommonMark + GFM-tables round trip unchanged in meaning.
 */
final class TableRenderer {

  private TableRenderer() {}

  static String render(Table table) {
    return table.hasSpans() ? html(table) : pipe(table);
  }

  static String pipe(Table table) {
    int columns = 0;
    for (List<Table.Cell> row : table.rows()) {
      columns = Math.max(columns, row.size());
    }
    StringBuilder out = new StringBuilder();
    boolean header = true;
    for (List<Table.Cell> row : table.rows()) {
      out.append('|');
      for (int c = 0; c < columns; c++) {
        String text = c < row.size() ? row.get(c).text() : "";
        out.append(' ').append(pipeCell(text)).append(" |");
      }
      out.append('\n');
      if (header) {
        out.append('|');
        out.append(" --- |".repeat(columns));
        out.append('\n');
        header = false;
      }
    }
    out.setLength(out.length() - 1);
    return out.toString();
  }

  /** Inline escaping, plus the pipe that would end the cell. */
  private static String pipeCell(String text) {
    return MarkdownEscaper.inlineText(text).replace("|", "\\|");
  }

  static String html(Table table) {
    StringBuilder out = new StringBuilder("<table>\n");
    for (List<Table.Cell> row : table.rows()) {
      out.append("<tr>");
      for (Table.Cell cell : row) {
        out.append("<td");
        if (cell.colspan() > 1) {
          out.append(" colspan=\"").append(cell.colspan()).append('"');
        }
        if (cell.rowspan() > 1) {
          out.append(" rowspan=\"").append(cell.rowspan()).append('"');
        }
        out.append('>').append(escapeHtml(cell.text())).append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</table>").toString();
  }

  static String escapeHtml(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
