package org.convertalot.backend.pdfbox.internal.tables;

import java.util.ArrayList;
import java.util.List;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.LineBuilder;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Finds tables drawn without any lines: a run of consecutive text rows of two or more short pieces
 * (split at cell-sized gaps), most of them, and at least {@link #MIN_ROWS}, reaching {@link
 * #MIN_COLUMNS} column bands, where bands are the whitespace gutters shared by all rows. Prose
 * columns give long pieces and two pieces a row, lists one piece a row, so neither qualifies. Rows
 * and columns then come from {@link TextTableBuilder}.
 */
final class UnruledTableDetector {

  /** A table has at least this many rows. */
  static final int MIN_ROWS = 3;

  /** A table has at least this many column bands, and most of its rows pieces in as many. */
  static final int MIN_COLUMNS = 3;

  /** A cell has at most this many words: longer pieces are prose. */
  static final int MAX_CELL_WORDS = 4;

  /** A cell has at most this many characters. */
  static final int MAX_CELL_CHARS = 32;

  /** Consecutive rows of a table are at most this many font sizes apart (baseline to baseline). */
  static final float MAX_ROW_GAP = 2.5f;

  /** Every gutter between column bands is at least this many font sizes wide. */
  static final float MIN_GUTTER = 1f;

  /** At least this share of the rows must reach {@link #MIN_COLUMNS} distinct bands. */
  static final double MIN_ALIGNED_SHARE = 0.75;

  private UnruledTableDetector() {}

  /**
   * The unruled tables among the glyphs.
   *
   * @param glyphs the page's glyphs, outside already found tables
   */
  static List<DetectedTable> detect(List<Glyph> glyphs) {
    List<DetectedTable> found = new ArrayList<>();
    if (glyphs.isEmpty()) {
      return found;
    }
    List<List<TextLine>> rows = TextTableBuilder.rows(LineBuilder.build(glyphs, true));
    List<List<TextLine>> run = new ArrayList<>();
    for (List<TextLine> row : rows) {
      // A lone short label inside a run (a section row such as "Operating expenses:") stays in
      // it; lone rows at the run's end are cut off before it is judged.
      boolean label = row.size() == 1 && !run.isEmpty() && isShort(row);
      if ((row.size() < 2 && !label) || !isShort(row)) {
        evaluate(run, found);
        run = new ArrayList<>();
        continue;
      }
      if (!run.isEmpty()) {
        TextLine previous = run.get(run.size() - 1).get(0);
        float size = Math.max(previous.fontSize(), row.get(0).fontSize());
        if (row.get(0).baseline() - previous.baseline() > MAX_ROW_GAP * size) {
          evaluate(run, found);
          run = new ArrayList<>();
        }
      }
      run.add(row);
    }
    evaluate(run, found);
    return found;
  }

  /** Whether every piece of the row is short enough for a cell. */
  private static boolean isShort(List<TextLine> row) {
    for (TextLine piece : row) {
      String text = piece.text();
      if (text.length() > MAX_CELL_CHARS || text.split(" ").length > MAX_CELL_WORDS) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds the run as a table when its pieces share column bands. A header's labels are wider than
   * the body's cells and can narrow the gutters below what the prose guard accepts, so when the
   * whole run fails that guard, the bands are taken from the rows below the first, and the first
   * row stays in the table as its header if its pieces fall in distinct bands.
   */
  private static void evaluate(List<List<TextLine>> run, List<DetectedTable> found) {
    while (!run.isEmpty() && run.get(run.size() - 1).size() < 2) {
      run = run.subList(0, run.size() - 1);
    }
    if (run.size() < MIN_ROWS) {
      return;
    }
    List<Float> cuts = cuts(run);
    if (cuts == null && run.size() > MIN_ROWS) {
      List<Float> bodyCuts = cuts(run.subList(1, run.size()));
      if (bodyCuts != null && distinctBands(run.get(0), bodyCuts) == run.get(0).size()) {
        cuts = bodyCuts;
      }
    }
    if (cuts == null) {
      return;
    }
    int aligned = 0;
    float x0 = Float.MAX_VALUE;
    float x1 = -Float.MAX_VALUE;
    float top = Float.MAX_VALUE;
    float bottom = -Float.MAX_VALUE;
    List<Glyph> inside = new ArrayList<>();
    for (List<TextLine> row : run) {
      for (TextLine piece : row) {
        x0 = Math.min(x0, piece.x0());
        x1 = Math.max(x1, piece.x1());
        top = Math.min(top, piece.top());
        bottom = Math.max(bottom, piece.bottom());
        inside.addAll(piece.glyphs());
      }
      if (distinctBands(row, cuts) >= MIN_COLUMNS) {
        aligned++;
      }
    }
    if (aligned < MIN_ROWS || aligned < MIN_ALIGNED_SHARE * run.size()) {
      return;
    }
    Table table = TextTableBuilder.build(inside, x0, top, x1, bottom);
    if (table != null && table.rows().get(0).size() >= MIN_COLUMNS) {
      found.add(new DetectedTable(table, inside));
    }
  }

  /**
   * The cuts between the rows' column bands, or null when the rows do not line up into at least
   * {@link #MIN_COLUMNS} bands separated by gutters of at least {@link #MIN_GUTTER}.
   */
  private static List<Float> cuts(List<List<TextLine>> rows) {
    int most = 0;
    for (List<TextLine> row : rows) {
      most = Math.max(most, row.size());
    }
    // Bands: the x-projection of all pieces; a gap between bands is a gutter through every row.
    List<float[]> bands = TextTableBuilder.bands(rows, 0);
    // More bands than the fullest row has pieces means the pieces do not line up.
    if (bands.size() < MIN_COLUMNS || bands.size() > most) {
      return null;
    }
    float narrowest = Float.MAX_VALUE;
    for (int k = 1; k < bands.size(); k++) {
      narrowest = Math.min(narrowest, bands.get(k)[0] - bands.get(k - 1)[1]);
    }
    // Justified prose lines up wide word spaces by chance, but never into a wide gutter.
    if (narrowest < MIN_GUTTER * rows.get(0).get(0).fontSize()) {
      return null;
    }
    return TextTableBuilder.cuts(bands);
  }

  /** How many distinct bands the row's pieces fall in, by their centres. */
  private static int distinctBands(List<TextLine> row, List<Float> cuts) {
    int distinct = 0;
    int last = -1;
    for (TextLine piece : row) {
      int band = TextTableBuilder.column(cuts, piece.centerX());
      if (band != last) {
        distinct++;
        last = band;
      }
    }
    return distinct;
  }
}
