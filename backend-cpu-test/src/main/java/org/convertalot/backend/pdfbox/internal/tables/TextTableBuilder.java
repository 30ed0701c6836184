package org.convertalot.backend.pdfbox.internal.tables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.LineBuilder;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Builds a table from the text inside a known table area that has no drawn column lines: rows are
 * the text rows, columns the gaps that run through every well-filled row, and a row that only
 * continues the cell text of one column (first column empty) joins the row above.
 */
final class TextTableBuilder {

  /** A row with at least this share of the fullest row's pieces decides the columns. */
  static final double DENSE_ROW_SHARE = 0.5;

  private TextTableBuilder() {}

  /** The table of the glyphs, or null when they do not form at least two rows and two columns. */
  static Table build(List<Glyph> glyphs, float x0, float top, float x1, float bottom) {
    List<TextLine> pieces = LineBuilder.build(glyphs, true);
    if (pieces.size() < 4) {
      return null;
    }
    List<List<TextLine>> rows = rows(pieces);
    int most = 0;
    for (List<TextLine> row : rows) {
      most = Math.max(most, row.size());
    }
    if (rows.size() < 2 || most < 2) {
      return null;
    }
    List<float[]> covered = new ArrayList<>();
    for (List<TextLine> row : rows) {
      if (row.size() >= DENSE_ROW_SHARE * most) {
        for (TextLine piece : row) {
          covered.add(new float[] {piece.x0(), piece.x1()});
        }
      }
    }
    covered.sort(Comparator.comparingDouble(a -> a[0]));
    List<Float> cuts = new ArrayList<>();
    float right = covered.get(0)[1];
    for (float[] interval : covered) {
      if (interval[0] > right) {
        cuts.add((right + interval[0]) / 2);
      }
      right = Math.max(right, interval[1]);
    }
    int columns = cuts.size() + 1;
    if (columns < 2) {
      return null;
    }
    List<String[]> cells = new ArrayList<>();
    for (List<TextLine> row : rows) {
      String[] cellRow = new String[columns];
      java.util.Arrays.fill(cellRow, "");
      for (TextLine piece : row) {
        int column = 0;
        while (column < cuts.size() && piece.centerX() > cuts.get(column)) {
          column++;
        }
        cellRow[column] =
            cellRow[column].isEmpty() ? piece.text() : cellRow[column] + " " + piece.text();
      }
      if (!cells.isEmpty() && continuesAbove(cellRow)) {
        String[] above = cells.get(cells.size() - 1);
        for (int c = 0; c < columns; c++) {
          if (!cellRow[c].isEmpty()) {
            above[c] = above[c].isEmpty() ? cellRow[c] : above[c] + " " + cellRow[c];
          }
        }
      } else {
        cells.add(cellRow);
      }
    }
    if (cells.size() < 2) {
      return null;
    }
    List<List<Table.Cell>> out = new ArrayList<>();
    for (String[] cellRow : cells) {
      List<Table.Cell> row = new ArrayList<>();
      for (String text : cellRow) {
        row.add(new Table.Cell(text, 1, 1));
      }
      out.add(row);
    }
    Table table = new Table(x0, top, x1, bottom, out);
    return TableGrid.isMostlyFilled(table) ? table : null;
  }

  /** A row with an empty first cell and text in only one other cell continues the row above. */
  private static boolean continuesAbove(String[] row) {
    if (!row[0].isEmpty()) {
      return false;
    }
    int filled = 0;
    for (String cell : row) {
      if (!cell.isEmpty()) {
        filled++;
      }
    }
    return filled == 1;
  }

  /** Pieces grouped into rows by baseline, top to bottom, each row left to right. */
  static List<List<TextLine>> rows(List<TextLine> pieces) {
    List<TextLine> sorted = new ArrayList<>(pieces);
    sorted.sort(Comparator.comparingDouble(TextLine::baseline));
    List<List<TextLine>> rows = new ArrayList<>();
    List<TextLine> row = new ArrayList<>();
    float baseline = 0;
    for (TextLine piece : sorted) {
      if (!row.isEmpty() && piece.baseline() - baseline > LineBuilder.SAME_ROW * piece.fontSize()) {
        rows.add(row);
        row = new ArrayList<>();
      }
      if (row.isEmpty()) {
        baseline = piece.baseline();
      }
      row.add(piece);
    }
    rows.add(row);
    for (List<TextLine> r : rows) {
      r.sort(Comparator.comparingDouble(TextLine::x0));
    }
    return rows;
  }
}
