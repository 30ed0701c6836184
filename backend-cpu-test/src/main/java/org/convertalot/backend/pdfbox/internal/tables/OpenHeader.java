package org.convertalot.backend.pdfbox.internal.tables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.LineBuilder;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Finds the header row of a ruled table whose frame is open at the top: slides and reports often
 * draw the first rule under the column labels and nothing above them, so the labels lie outside the
 * lines. A row just above the top rule belongs to the table when it has a label in two or more of
 * the grid's columns and each label fits inside one column; a caption or a paragraph line crosses
 * the columns and does not. Rows of labels above it join while they stay as close.
 */
final class OpenHeader {

  /** Header rows sit at most this many font sizes above the rule or the row below them. */
  static final float MAX_DISTANCE = 1.8f;

  /** A label may pass its column's line by this much (points). */
  static final float TOLERANCE = 2f;

  private OpenHeader() {}

  /**
   * The top of the header rows above the grid, or NaN when there are none.
   *
   * @param xs the grid's column boundaries
   * @param top the grid's top edge, a drawn rule with nothing drawn above it
   * @param glyphs the page's glyphs
   */
  static float top(float[] xs, float top, List<Glyph> glyphs) {
    List<Glyph> above = new ArrayList<>();
    for (Glyph glyph : glyphs) {
      float reach = 4 * MAX_DISTANCE * glyph.size();
      if (!glyph.isSpace()
          && glyph.centerX() > xs[0]
          && glyph.centerX() < xs[xs.length - 1]
          && glyph.baseline() < top
          && glyph.baseline() > top - reach) {
        above.add(glyph);
      }
    }
    if (above.isEmpty()) {
      return Float.NaN;
    }
    List<List<TextLine>> rows = TextTableBuilder.rows(LineBuilder.build(above, true));
    rows.sort(Comparator.comparingDouble((List<TextLine> row) -> row.get(0).baseline()).reversed());
    float headerTop = Float.NaN;
    float below = top;
    for (List<TextLine> row : rows) {
      TextLine first = row.get(0);
      boolean near = below - first.baseline() <= MAX_DISTANCE * first.fontSize();
      if (!near || !fitsColumns(row, xs)) {
        break;
      }
      for (TextLine piece : row) {
        headerTop = Float.isNaN(headerTop) ? piece.top() : Math.min(headerTop, piece.top());
      }
      below = first.top();
    }
    return Float.isNaN(headerTop) ? Float.NaN : headerTop - TOLERANCE;
  }

  /** Whether the row has pieces in two or more columns, each inside one column, one per column. */
  private static boolean fitsColumns(List<TextLine> row, float[] xs) {
    int columns = 0;
    int last = -1;
    for (TextLine piece : row) {
      int column = -1;
      for (int c = 0; c + 1 < xs.length; c++) {
        if (piece.x0() >= xs[c] - TOLERANCE && piece.x1() <= xs[c + 1] + TOLERANCE) {
          column = c;
          break;
        }
      }
      if (column < 0 || column == last) {
        return false;
      }
      last = column;
      columns++;
    }
    return columns >= 2;
  }
}
