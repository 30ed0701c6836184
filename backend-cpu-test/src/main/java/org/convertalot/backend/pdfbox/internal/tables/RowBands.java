package org.convertalot.backend.pdfbox.internal.tables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.LineBuilder;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Finds the rows of a ruled table whose body rows have no rules between them, which would otherwise
 * collapse into one cell per column. Inside a drawn row, the lines of its first column that have a
 * line on the same baseline in another column each start a row (a band); the other lines, wrapped
 * cell text, stay in the band above them. A drawn row whose first column has one such line, as a
 * row of wrapped paragraphs beside a label has, is left whole.
 */
final class RowBands {

  /** Baselines closer than this many font sizes are one row, as in {@link LineBuilder}. */
  static final float SAME_BASELINE = LineBuilder.SAME_ROW;

  /**
   * A line starts a band when it lines up with lines in at least this many other columns: two lists
   * side by side line up by chance, rows of three or more columns do by design.
   */
  static final int MIN_OTHER_COLUMNS = 2;

  /** A drawn row splits only into at least this many bands. */
  static final int MIN_BANDS = 3;

  /**
   * A band starts this many font sizes above its first line's baseline: below the lines of the band
   * before, above the glyph centres of its own line in every column.
   */
  static final float BAND_START = 1f;

  private final float[] ys;
  private final int[] parents;
  private final boolean[] inserted;

  private RowBands(float[] ys, int[] parents, boolean[] inserted) {
    this.ys = ys;
    this.parents = parents;
    this.inserted = inserted;
  }

  /**
   * The grid's rows split into bands, or null when no drawn row splits.
   *
   * @param xs the column boundaries
   * @param ys the row boundaries
   * @param glyphs the glyphs inside the grid
   */
  static RowBands of(float[] xs, float[] ys, List<Glyph> glyphs) {
    int rows = ys.length - 1;
    List<List<Glyph>> byRow = between(ys, glyphs, Glyph::centerY);
    List<Float> boundaries = new ArrayList<>();
    List<Integer> parents = new ArrayList<>();
    List<Boolean> inserted = new ArrayList<>();
    boolean split = false;
    for (int r = 0; r < rows; r++) {
      boundaries.add(ys[r]);
      inserted.add(false);
      parents.add(r);
      for (float start : bandStarts(xs, byRow.get(r))) {
        if (start > ys[r] && start < ys[r + 1]) {
          boundaries.add(start);
          inserted.add(true);
          parents.add(r);
          split = true;
        }
      }
    }
    if (!split) {
      return null;
    }
    boundaries.add(ys[rows]);
    inserted.add(false);
    float[] out = new float[boundaries.size()];
    boolean[] added = new boolean[boundaries.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = boundaries.get(i);
      added[i] = inserted.get(i);
    }
    return new RowBands(out, parents.stream().mapToInt(Integer::intValue).toArray(), added);
  }

  /** Where the bands after the first start in one drawn row, top to bottom; empty for none. */
  private static List<Float> bandStarts(float[] xs, List<Glyph> glyphs) {
    List<Float> starts = new ArrayList<>();
    if (glyphs.isEmpty()) {
      return starts;
    }
    int columns = xs.length - 1;
    List<List<Glyph>> byColumn = between(xs, glyphs, Glyph::centerX);
    int key = 0;
    while (byColumn.get(key).isEmpty()) {
      key++;
    }
    List<List<Float>> others = new ArrayList<>();
    for (int c = key + 1; c < columns; c++) {
      if (!byColumn.get(c).isEmpty()) {
        List<Float> baselines = new ArrayList<>();
        for (TextLine line : LineBuilder.build(byColumn.get(c))) {
          baselines.add(line.baseline());
        }
        others.add(baselines);
      }
    }
    if (others.size() < MIN_OTHER_COLUMNS) {
      return starts;
    }
    List<TextLine> keyLines = new ArrayList<>(LineBuilder.build(byColumn.get(key)));
    keyLines.sort((a, b) -> Float.compare(a.baseline(), b.baseline()));
    List<Float> candidates = new ArrayList<>();
    for (TextLine line : keyLines) {
      if (alignedColumns(line, others) >= MIN_OTHER_COLUMNS && !continuesText(line)) {
        candidates.add(line.baseline() - BAND_START * line.fontSize());
      }
    }
    if (candidates.size() >= MIN_BANDS) {
      starts.addAll(candidates.subList(1, candidates.size()));
    }
    return starts;
  }

  /** The glyphs in each interval of {@code bounds}, by the coordinate given. */
  private static List<List<Glyph>> between(
      float[] bounds, List<Glyph> glyphs, ToDoubleFunction<Glyph> coordinate) {
    List<List<Glyph>> groups = new ArrayList<>(bounds.length - 1);
    for (int i = 0; i + 1 < bounds.length; i++) {
      groups.add(new ArrayList<>());
    }
    for (Glyph glyph : glyphs) {
      groups.get(TableGrid.index(bounds, (float) coordinate.applyAsDouble(glyph))).add(glyph);
    }
    return groups;
  }

  /** A line that starts in lower case goes on with the text of the line above. */
  private static boolean continuesText(TextLine line) {
    return !line.text().isEmpty() && Character.isLowerCase(line.text().codePointAt(0));
  }

  /** How many of the other columns have a line on the line's baseline. */
  private static int alignedColumns(TextLine line, List<List<Float>> columns) {
    int aligned = 0;
    for (List<Float> baselines : columns) {
      for (float baseline : baselines) {
        if (Math.abs(baseline - line.baseline()) <= SAME_BASELINE * line.fontSize()) {
          aligned++;
          break;
        }
      }
    }
    return aligned;
  }

  /** The row boundaries, the drawn ones and the band starts, ascending. */
  float[] ys() {
    return Arrays.copyOf(ys, ys.length);
  }

  /**
   * The edges of the banded grid: a band start divides every column; beside a band, the vertical
   * edges are those of the drawn row it lies in.
   */
  TableGrid.Edges edges(TableGrid.Edges drawn) {
    int[] original = new int[ys.length];
    int next = 0;
    for (int i = 0; i < ys.length; i++) {
      original[i] = inserted[i] ? -1 : next++;
    }
    return new TableGrid.Edges() {
      @Override
      public boolean vertical(int boundary, int row) {
        return drawn.vertical(boundary, parents[row]);
      }

      @Override
      public boolean horizontal(int boundary, int column) {
        return inserted[boundary] || drawn.horizontal(original[boundary], column);
      }
    };
  }
}
