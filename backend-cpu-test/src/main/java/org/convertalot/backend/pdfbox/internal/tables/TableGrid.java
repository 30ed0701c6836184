package org.convertalot.backend.pdfbox.internal.tables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.LineBuilder;
import org.convertalot.backend.pdfbox.internal.text.TextCleanup;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Turns a grid (column and row boundaries, and which interior cell edges are drawn) plus the glyphs
 * inside it into a {@link Table}: glyphs go to the cell under their centre, cells without a drawn
 * edge between them merge into spans, and rows or columns that hold no text are dropped.
 */
final class TableGrid {

  /** Tells whether a cell edge is drawn. */
  interface Edges {
    /**
     * Whether the vertical edge at column boundary {@code boundary} is drawn beside row {@code
     * row}.
     */
    boolean vertical(int boundary, int row);

    /**
     * Whether the horizontal edge at row boundary {@code boundary} is drawn under column {@code
     * column}.
     */
    boolean horizontal(int boundary, int column);
  }

  /** Every interior edge drawn: a plain grid without spans. */
  static final Edges ALL_EDGES =
      new Edges() {
        @Override
        public boolean vertical(int boundary, int row) {
          return true;
        }

        @Override
        public boolean horizontal(int boundary, int column) {
          return true;
        }
      };

  /** At least this share of a table's cells hold text. */
  static final double MIN_FILLED_SHARE = 0.4;

  private TableGrid() {}

  /**
   * Builds the table.
   *
   * @param xs the column boundaries, ascending, at least two
   * @param ys the row boundaries, ascending, at least two
   * @param edges which interior edges are drawn, indexed by the boundaries given
   * @param glyphs glyphs whose centres lie inside the grid
   * @return the table, or null when fewer than two cells hold text
   */
  static Table build(float[] xs, float[] ys, Edges edges, List<Glyph> glyphs) {
    int[] keptXs = drawnBoundaries(xs.length, ys.length - 1, edges::vertical);
    int[] keptYs = drawnBoundaries(ys.length, xs.length - 1, edges::horizontal);
    if (keptXs.length < xs.length || keptYs.length < ys.length) {
      return build(pick(xs, keptXs), pick(ys, keptYs), merged(edges, keptXs, keptYs), glyphs);
    }
    RowBands bands = RowBands.of(xs, ys, glyphs);
    if (bands != null) {
      return build(xs, bands.ys(), bands.edges(edges), glyphs);
    }
    int columns = xs.length - 1;
    int rows = ys.length - 1;
    List<List<Glyph>> byCell = new ArrayList<>(rows * columns);
    for (int i = 0; i < rows * columns; i++) {
      byCell.add(new ArrayList<>());
    }
    for (Glyph glyph : glyphs) {
      int c = index(xs, glyph.centerX());
      int r = index(ys, glyph.centerY());
      byCell.get(r * columns + c).add(glyph);
    }
    // Rows and columns without text come from double rules or decoration: merge them away.
    boolean[] keepRow = new boolean[rows];
    boolean[] keepColumn = new boolean[columns];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        if (!byCell.get(r * columns + c).isEmpty()) {
          keepRow[r] = true;
          keepColumn[c] = true;
        }
      }
    }
    int keptRows = count(keepRow);
    int keptColumns = count(keepColumn);
    if (keptRows == 0 || keptColumns == 0) {
      return null;
    }

    boolean[] taken = new boolean[rows * columns];
    List<List<Table.Cell>> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      if (!keepRow[r]) {
        continue;
      }
      List<Table.Cell> row = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        if (!keepColumn[c] || taken[r * columns + c]) {
          continue;
        }
        int c2 = c;
        while (c2 + 1 < columns && !edges.vertical(c2 + 1, r)) {
          c2++;
        }
        int r2 = r;
        while (r2 + 1 < rows && openBelow(edges, r2, c, c2)) {
          r2++;
        }
        List<Glyph> cellGlyphs = new ArrayList<>();
        for (int rr = r; rr <= r2; rr++) {
          for (int cc = c; cc <= c2; cc++) {
            taken[rr * columns + cc] = true;
            cellGlyphs.addAll(byCell.get(rr * columns + cc));
          }
        }
        int colspan = spanOf(keepColumn, c, c2);
        int rowspan = spanOf(keepRow, r, r2);
        if (colspan == 0) {
          continue;
        }
        row.add(new Table.Cell(cellText(cellGlyphs), colspan, Math.max(1, rowspan)));
      }
      out.add(row);
    }
    Table table = new Table(xs[0], ys[0], xs[columns], ys[rows], out);
    return table.filledCells() >= 2 && keptRows >= 2 && keptColumns >= 2 && isMostlyFilled(table)
        ? table
        : null;
  }

  /** Whether a boundary is drawn beside (or under) one row (or column) of the other direction. */
  private interface Drawn {
    boolean at(int boundary, int across);
  }

  /**
   * The indices of the boundaries to keep: both outer ones, and every interior one that is drawn
   * beside at least one of the {@code across} rows or columns. A boundary drawn nowhere (from a
   * tick, or the edge of a highlight that ends there) divides no cell: every cell would span it.
   */
  private static int[] drawnBoundaries(int boundaries, int across, Drawn drawn) {
    int[] kept = new int[boundaries];
    int count = 0;
    for (int b = 0; b < boundaries; b++) {
      boolean keep = b == 0 || b == boundaries - 1;
      for (int a = 0; !keep && a < across; a++) {
        keep = drawn.at(b, a);
      }
      if (keep) {
        kept[count++] = b;
      }
    }
    return Arrays.copyOf(kept, count);
  }

  private static float[] pick(float[] values, int[] indices) {
    float[] out = new float[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = values[indices[i]];
    }
    return out;
  }

  /**
   * The edges of the grid that keeps only the given boundaries: an edge beside a merged row (or
   * under a merged column) is drawn when it is drawn beside any of the rows it merges.
   */
  private static Edges merged(Edges edges, int[] keptXs, int[] keptYs) {
    return new Edges() {
      @Override
      public boolean vertical(int boundary, int row) {
        for (int r = keptYs[row]; r < keptYs[row + 1]; r++) {
          if (edges.vertical(keptXs[boundary], r)) {
            return true;
          }
        }
        return false;
      }

      @Override
      public boolean horizontal(int boundary, int column) {
        for (int c = keptXs[column]; c < keptXs[column + 1]; c++) {
          if (edges.horizontal(keptYs[boundary], c)) {
            return true;
          }
        }
        return false;
      }
    };
  }

  /**
   * Whether enough cells hold text for a table: charts drawn with grid lines have axis labels in a
   * few cells and nothing in the rest.
   */
  static boolean isMostlyFilled(Table table) {
    int cells = 0;
    for (List<Table.Cell> row : table.rows()) {
      cells += row.size();
    }
    return cells > 0 && table.filledCells() >= MIN_FILLED_SHARE * cells;
  }

  private static boolean openBelow(Edges edges, int row, int c, int c2) {
    for (int cc = c; cc <= c2; cc++) {
      if (edges.horizontal(row + 1, cc)) {
        return false;
      }
    }
    return true;
  }

  /** How many kept rows or columns lie in {@code [from, to]}. */
  private static int spanOf(boolean[] keep, int from, int to) {
    int span = 0;
    for (int i = from; i <= to; i++) {
      if (keep[i]) {
        span++;
      }
    }
    return span;
  }

  private static int count(boolean[] flags) {
    int n = 0;
    for (boolean flag : flags) {
      if (flag) {
        n++;
      }
    }
    return n;
  }

  /** The cell's text: its lines top to bottom, joined by spaces. */
  static String cellText(List<Glyph> glyphs) {
    if (glyphs.isEmpty()) {
      return "";
    }
    List<TextLine> lines = LineBuilder.build(glyphs);
    StringBuilder text = new StringBuilder();
    for (TextLine line : lines) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(line.text());
    }
    return TextCleanup.clean(text);
  }

  /** The interval of {@code bounds} holding {@code value}, clamped to the grid. */
  static int index(float[] bounds, float value) {
    int i = Arrays.binarySearch(bounds, value);
    int slot = i >= 0 ? i : -i - 2;
    return Math.max(0, Math.min(bounds.length - 2, slot));
  }
}
