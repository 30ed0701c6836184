package org.convertalot.backend.pdfbox.internal.layout;

import org.convertalot.backend.pdfbox.internal.tables.Table;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * A line or a table of a page, between table detection and grouping into blocks: what the reading
 * order sorts. Exactly one of the two is set.
 *
 * @param line the line, or null for a table
 * @param table the table, or null for a line
 */
record PagePart(TextLine line, Table table) {

  static PagePart of(TextLine line) {
    return new PagePart(line, null);
  }

  static PagePart of(Table table) {
    return new PagePart(null, table);
  }

  boolean isTable() {
    return table != null;
  }

  /** Where the part lies on the page, for {@link ReadingOrder}. */
  ReadingOrder.Box box() {
    return isTable()
        ? new ReadingOrder.Box(table.x0(), table.top(), table.x1(), table.bottom())
        : new ReadingOrder.Box(line.x0(), line.top(), line.x1(), line.bottom());
  }
}
