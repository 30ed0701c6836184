package org.convertalot.backend.pdfbox.internal.tables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.LineBuilder;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Builds a table from the text inside a known table area that has no drawn column lines: rows are
 * the text rows, columns the gaps that run through every row of two or more pieces, a piece of a
 * sparser row that reaches across such a gap (a title or group label) spans the columns it covers,
 * and a row that only continues the cell text of one column (first column empty) joins the row
 * above.
 */
final class TextTableBuilder {

  /** A row with at least this share of the fullest row's pieces, and two, decides the columns. */
  static final double DENSE_ROW_SHARE = 0.5;

  /**
   * A piece spans the columns it covers by more than this many font sizes: a label that merely runs
   * a little past a gutter's middle stays in its own column.
   */
  static final float SPAN_OVERLAP = 0.5f;

  private TextTableBuilder() {}

  /** One cell of a row being built: the columns it covers and its text. */
  private static final class Segment {
    final int first;
    int last;
    String text;

    Segment(int first, int last, String text) {
      this.first = first;
      this.last = last;
      this.text = text;
    }
  }

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
    List<float[]> bands = bands(rows, Math.max(2, DENSE_ROW_SHARE * most));
    List<Float> cuts = cuts(bands);
    int columns = bands.size();
    if (columns < 2) {
      return null;
    }
    List<List<Segment>> cells = new ArrayList<>();
    for (List<TextLine> row : rows) {
      List<Segment> segments = segments(row, bands, cuts);
      List<Segment> above = cells.isEmpty() ? null : cells.get(cells.size() - 1);
      if (above != null && continuesAbove(segments)) {
        continueAbove(above, segments.get(0));
      } else {
        cells.add(segments);
      }
    }
    if (cells.size() < 2) {
      return null;
    }
    List<List<Table.Cell>> out = new ArrayList<>();
    for (List<Segment> segments : cells) {
      List<Table.Cell> row = new ArrayList<>();
      int column = 0;
      for (Segment segment : segments) {
        for (; column < segment.first; column++) {
          row.add(new Table.Cell("", 1, 1));
        }
        row.add(new Table.Cell(segment.text, segment.last - segment.first + 1, 1));
        column = segment.last + 1;
      }
      for (; column < columns; column++) {
        row.add(new Table.Cell("", 1, 1));
      }
      out.add(row);
    }
    Table table = new Table(x0, top, x1, bottom, withUnitsAttached(out));
    return TableGrid.isMostlyFilled(table) ? table : null;
  }

  /**
   * The column bands: the x-extents, merged where they overlap, of the pieces in every row of at
   * least {@code dense} pieces, left to right.
   */
  static List<float[]> bands(List<List<TextLine>> rows, double dense) {
    List<float[]> covered = new ArrayList<>();
    for (List<TextLine> row : rows) {
      if (row.size() >= dense) {
        for (TextLine piece : row) {
          covered.add(new float[] {piece.x0(), piece.x1()});
        }
      }
    }
    covered.sort(Comparator.comparingDouble(a -> a[0]));
    List<float[]> bands = new ArrayList<>();
    for (float[] interval : covered) {
      float[] last = bands.isEmpty() ? null : bands.get(bands.size() - 1);
      if (last != null && interval[0] <= last[1]) {
        last[1] = Math.max(last[1], interval[1]);
      } else {
        bands.add(interval.clone());
      }
    }
    return bands;
  }

  /** A currency sign set apart from its amount, as statements print it. */
  private static final Pattern CURRENCY = Pattern.compile("[$€£¥]");

  /** A percent sign set apart from its number. */
  private static final Pattern PERCENT = Pattern.compile("%");

  /**
   * The rows with each column that holds nothing but lone currency signs joined to the amounts on
   * its right, and each column of lone percent signs to the numbers on its left: a statement sets
   * the sign at the column's edge, apart from the right-aligned amount, but it is part of it.
   * Tables with spanning cells are left as they are.
   */
  private static List<List<Table.Cell>> withUnitsAttached(List<List<Table.Cell>> rows) {
    int columns = rows.get(0).size();
    for (List<Table.Cell> row : rows) {
      for (Table.Cell cell : row) {
        if (cell.colspan() != 1 || row.size() != columns) {
          return rows;
        }
      }
    }
    List<List<Table.Cell>> out = rows;
    for (int c = columns - 1; c >= 0; c--) {
      if (c + 1 < out.get(0).size() && only(out, c, CURRENCY)) {
        out = joined(out, c, c + 1, true);
      } else if (c > 0 && only(out, c, PERCENT)) {
        out = joined(out, c - 1, c, false);
      }
    }
    return out;
  }

  /** Whether column {@code c} has text and all of it matches {@code unit}. */
  private static boolean only(List<List<Table.Cell>> rows, int c, Pattern unit) {
    boolean any = false;
    for (List<Table.Cell> row : rows) {
      String text = row.get(c).text();
      if (!text.isEmpty()) {
        if (!unit.matcher(text).matches()) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  /**
   * The rows with columns {@code left} and {@code left + 1} made one, the unit kept on its side.
   */
  private static List<List<Table.Cell>> joined(
      List<List<Table.Cell>> rows, int left, int right, boolean unitLeft) {
    List<List<Table.Cell>> out = new ArrayList<>(rows.size());
    for (List<Table.Cell> row : rows) {
      List<Table.Cell> merged = new ArrayList<>(row.subList(0, left));
      String a = row.get(left).text();
      String b = row.get(right).text();
      String text = a.isEmpty() ? b : b.isEmpty() ? a : unitLeft ? a + " " + b : a + b;
      merged.add(new Table.Cell(text, 1, 1));
      merged.addAll(row.subList(right + 1, row.size()));
      out.add(merged);
    }
    return out;
  }

  /** The middles of the gutters between the bands. */
  static List<Float> cuts(List<float[]> bands) {
    List<Float> cuts = new ArrayList<>();
    for (int i = 1; i < bands.size(); i++) {
      cuts.add((bands.get(i - 1)[1] + bands.get(i)[0]) / 2);
    }
    return cuts;
  }

  /**
   * The row's cells: each piece in the column under its centre, or across the columns whose bands
   * it overlaps when it reaches over a gutter; pieces whose columns meet share one cell.
   */
  private static List<Segment> segments(List<TextLine> row, List<float[]> bands, List<Float> cuts) {
    List<Segment> segments = new ArrayList<>();
    for (TextLine piece : row) {
      float margin = SPAN_OVERLAP * piece.fontSize();
      int first = column(cuts, piece.centerX());
      int last = first;
      for (int k = 0; k < bands.size(); k++) {
        float[] band = bands.get(k);
        if (Math.min(piece.x1(), band[1]) - Math.max(piece.x0(), band[0]) > margin) {
          first = Math.min(first, k);
          last = Math.max(last, k);
        }
      }
      Segment previous = segments.isEmpty() ? null : segments.get(segments.size() - 1);
      if (previous != null && first <= previous.last) {
        previous.last = Math.max(previous.last, last);
        previous.text = previous.text + " " + piece.text();
      } else {
        segments.add(new Segment(first, last, piece.text()));
      }
    }
    return segments;
  }

  /** The column holding {@code x}: the number of cuts left of it. */
  static int column(List<Float> cuts, float x) {
    int column = 0;
    while (column < cuts.size() && x > cuts.get(column)) {
      column++;
    }
    return column;
  }

  /** Adds a continuing cell's text to the cell above it, or puts it there when none is. */
  private static void continueAbove(List<Segment> above, Segment continued) {
    int at = 0;
    for (Segment cell : above) {
      if (cell.first <= continued.first && continued.first <= cell.last) {
        cell.text = cell.text.isEmpty() ? continued.text : cell.text + " " + continued.text;
        return;
      }
      if (cell.first < continued.first) {
        at++;
      }
    }
    above.add(at, continued);
  }

  /** A row of one plain cell, not in the first column, continues the row above. */
  private static boolean continuesAbove(List<Segment> row) {
    return row.size() == 1 && row.get(0).first > 0 && row.get(0).first == row.get(0).last;
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
