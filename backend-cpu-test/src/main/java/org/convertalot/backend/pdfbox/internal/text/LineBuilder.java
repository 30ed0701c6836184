package org.convertalot.backend.pdfbox.internal.text;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Builds {@link TextLine}s from a page's glyphs by geometry alone: glyphs on one baseline form a
 * row, and a row splits wherever a gap is wider than normal word spacing, so that side-by-side
 * columns and table cells stay apart. Sorting makes it O(n log n) in the glyphs.
 */
public final class LineBuilder {

  /** Baselines within this share of the font size belong to one row (superscripts included). */
  public static final float SAME_ROW = 0.45f;

  /** A gap wider than this share of the font size separates two lines on one row. */
  static final float SPLIT_GAP = 0.8f;

  /** A gap drawn in sequence splits only when it is this many times the row's median word gap. */
  static final float OUTLIER_GAP = 2.5f;

  /**
   * Glyphs that are neighbours on the page but not in the content stream split at this share of the
   * font size: a narrow gutter between columns drawn one after the other.
   */
  static final float UNORDERED_SPLIT_GAP = 0.5f;

  /** A gap between glyphs drawn apart splits when it is this many times the median word gap. */
  static final float UNORDERED_OUTLIER_GAP = 1.5f;

  /**
   * Glyphs drawn one after the other with at most this many space glyphs between count as drawn in
   * sequence: two set a separator apart ("132 | Title"); a longer run lays out columns, as on a
   * typewriter.
   */
  static final int MAX_SPACES_BETWEEN = 2;

  /**
   * Gaps within this share of the font size of each other are alike: the stretched spaces of one
   * justified line.
   */
  static final float ALIKE_GAPS = 0.1f;

  /** Rows with fewer word gaps than this use {@link #DEFAULT_WORD_GAP}. */
  static final int MIN_WORD_GAPS = 3;

  /** Ordinary word spacing as a share of the font size. */
  static final float DEFAULT_WORD_GAP = 0.3f;

  /** A list marker or section number keeps its text up to this share of the font size away. */
  static final float MARKER_GAP = 3f;

  /** In a table, a gap wider than this share of the font size separates cells. */
  static final float CELL_GAP = 0.6f;

  /** A row splits at a gap this wide (times the size) that other rows' gutters run through. */
  static final float GUTTER_GAP = 0.4f;

  /** A gutter is confirmed by the splits of at least this many rows. */
  static final int MIN_GUTTER_ROWS = 2;

  /** Rows this many above or below a row may confirm a gutter through it. */
  static final int GUTTER_WINDOW = 3;

  /** A gap wider than this share of the font size is a word space. */
  public static final float SPACE_GAP = 0.15f;

  /** A line counts as bold or italic when this share of its glyphs is. */
  static final double STYLE_SHARE = 0.8;

  private LineBuilder() {}

  /** The lines of the glyphs, in no particular order. */
  public static List<TextLine> build(List<Glyph> glyphs) {
    return build(glyphs, false);
  }

  /**
   * The lines of the glyphs, in no particular order.
   *
   * @param cells whether the glyphs lie in a table, where any gap of {@link #CELL_GAP} splits:
   *     cells are often drawn in sequence with a space between them, like words
   */
  public static List<TextLine> build(List<Glyph> glyphs, boolean cells) {
    List<Glyph> sorted = new ArrayList<>(glyphs);
    BitSet spaces = new BitSet();
    for (Glyph glyph : glyphs) {
      if (glyph.isSpace() && glyph.sequence() >= 0) {
        spaces.set(glyph.sequence());
      }
    }
    sorted.removeIf(Glyph::isSpace);
    sorted.sort(Comparator.comparingDouble(Glyph::baseline));
    List<List<Glyph>> rows = new ArrayList<>();
    List<Glyph> row = new ArrayList<>();
    float rowBaseline = 0;
    float rowSize = 0;
    for (Glyph glyph : sorted) {
      float tolerance = SAME_ROW * Math.max(rowSize, glyph.size());
      if (!row.isEmpty() && glyph.baseline() - rowBaseline > tolerance) {
        rows.add(row);
        row = new ArrayList<>();
      }
      if (row.isEmpty()) {
        rowBaseline = glyph.baseline();
        rowSize = glyph.size();
      }
      row.add(glyph);
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    List<boolean[]> splits = new ArrayList<>(rows.size());
    List<float[]> gutters = new ArrayList<>(rows.size());
    for (List<Glyph> r : rows) {
      List<Float> middles = new ArrayList<>();
      splits.add(splitPoints(r, cells, middles, spaces));
      float[] values = new float[middles.size()];
      for (int m = 0; m < values.length; m++) {
        values[m] = middles.get(m);
      }
      gutters.add(values);
    }
    if (!cells) {
      for (int k = 0; k < rows.size(); k++) {
        splitAtGutters(rows.get(k), splits.get(k), nearbyGutters(gutters, k));
      }
    }
    List<TextLine> lines = new ArrayList<>();
    for (int k = 0; k < rows.size(); k++) {
      List<Glyph> r = rows.get(k);
      boolean[] split = splits.get(k);
      int start = 0;
      for (int i = 1; i < r.size(); i++) {
        if (split[i]) {
          lines.add(line(r.subList(start, i)));
          start = i;
        }
      }
      lines.add(line(r.subList(start, r.size())));
    }
    return lines;
  }

  /**
   * Sorts a row left to right and marks where it splits ({@code split[i]}: before glyph i). The
   * middle of each split's gap is added to {@code gutters}.
   */
  private static boolean[] splitPoints(
      List<Glyph> row, boolean cells, List<Float> gutters, BitSet spaces) {
    row.sort(Comparator.comparingDouble(Glyph::x));
    boolean[] splits = new boolean[row.size()];
    float[] gaps = new float[row.size()];
    float wordGap = medianWordGap(row);
    int start = 0;
    float right = row.get(0).right();
    for (int i = 1; i < row.size(); i++) {
      Glyph glyph = row.get(i);
      Glyph previous = row.get(i - 1);
      float size = Math.max(glyph.size(), previous.size());
      float gap = glyph.x() - right;
      gaps[i] = gap;
      boolean split;
      if (cells) {
        split = gap > CELL_GAP * size;
      } else if (drawnInSequence(previous, glyph, spaces)) {
        // Drawn in sequence: a wide gap is a gutter only when it stands out from the row's word
        // spaces; justified text stretches all of them alike.
        split = gap > SPLIT_GAP * size && gap > OUTLIER_GAP * wordGap;
      } else {
        split = gap > UNORDERED_SPLIT_GAP * size && gap > UNORDERED_OUTLIER_GAP * wordGap;
      }
      // In a table, a number set apart is a cell of its own (a row number, a value), not the
      // marker of the text after it.
      if (split && (cells || !(gap < MARKER_GAP * size && isMarker(row, start, i)))) {
        splits[i] = true;
        start = i;
      }
      right = Math.max(right, glyph.right());
    }
    if (!cells) {
      keepOnlyGuttersUnlikeTheirNeighbours(row, splits, gaps);
    }
    for (int i = 1; i < row.size(); i++) {
      if (splits[i]) {
        gutters.add(row.get(i).x() - gaps[i] / 2);
      }
    }
    return splits;
  }

  /**
   * Undoes splits that come in runs of alike gaps: a justified line beside a column of normal text
   * stretches every word space alike, and measured against the whole row's median word gap each of
   * them splits; a gutter is one split between spaces unlike it.
   */
  private static void keepOnlyGuttersUnlikeTheirNeighbours(
      List<Glyph> row, boolean[] splits, float[] gaps) {
    boolean[] undo = new boolean[splits.length];
    for (int i = 1; i < splits.length; i++) {
      if (splits[i]) {
        float size = row.get(i).size();
        for (int step = -1; step <= 1; step += 2) {
          int j = nearestWordGap(row, gaps, i, step);
          undo[i] |= j > 0 && splits[j] && Math.abs(gaps[i] - gaps[j]) <= ALIKE_GAPS * size;
        }
      }
    }
    for (int i = 1; i < splits.length; i++) {
      splits[i] &= !undo[i];
    }
  }

  /**
   * The index of the nearest gap wider than a letter gap before ({@code step} -1) or after gap
   * {@code i}; -1 when there is none.
   */
  private static int nearestWordGap(List<Glyph> row, float[] gaps, int i, int step) {
    for (int j = i + step; j >= 1 && j < gaps.length; j += step) {
      if (gaps[j] > SPACE_GAP * row.get(j).size()) {
        return j;
      }
    }
    return -1;
  }

  /**
   * Whether {@code glyph} was drawn right after {@code previous}: next, one glyph later (a space,
   * mostly), or with nothing but a few space glyphs between.
   */
  private static boolean drawnInSequence(Glyph previous, Glyph glyph, BitSet spaces) {
    int step = glyph.sequence() - previous.sequence();
    if (step == 1 || step == 2) {
      return true;
    }
    int from = previous.sequence() + 1;
    return step > 0
        && step <= MAX_SPACES_BETWEEN + 1
        && spaces.nextClearBit(from) >= glyph.sequence();
  }

  /**
   * Splits a row at a gap that other rows' splits run through: a column gutter narrower than the
   * stretched word spaces of a justified line is still a gutter when the rows around it split
   * there.
   */
  private static void splitAtGutters(List<Glyph> row, boolean[] splits, float[] middles) {
    float right = row.get(0).right();
    for (int i = 1; i < row.size(); i++) {
      Glyph glyph = row.get(i);
      float gap = glyph.x() - right;
      if (!splits[i] && gap > GUTTER_GAP * glyph.size()) {
        int from = lowerBound(middles, right);
        int to = lowerBound(middles, glyph.x());
        if (to - from >= MIN_GUTTER_ROWS) {
          splits[i] = true;
        }
      }
      right = Math.max(right, glyph.right());
    }
  }

  /** The gutter middles of the rows around row {@code k} (not its own), sorted. */
  private static float[] nearbyGutters(List<float[]> gutters, int k) {
    int from = Math.max(0, k - GUTTER_WINDOW);
    int to = Math.min(gutters.size() - 1, k + GUTTER_WINDOW);
    int count = 0;
    for (int i = from; i <= to; i++) {
      count += i == k ? 0 : gutters.get(i).length;
    }
    float[] middles = new float[count];
    int next = 0;
    for (int i = from; i <= to; i++) {
      if (i != k) {
        for (float middle : gutters.get(i)) {
          middles[next++] = middle;
        }
      }
    }
    java.util.Arrays.sort(middles);
    return middles;
  }

  /** The index of the first value not below {@code key}. */
  private static int lowerBound(float[] values, float key) {
    int low = 0;
    int high = values.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (values[mid] < key) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The median gap between words of a row (gaps wider than a letter space). */
  private static float medianWordGap(List<Glyph> row) {
    float[] gaps = new float[row.size()];
    int count = 0;
    for (int i = 1; i < row.size(); i++) {
      Glyph previous = row.get(i - 1);
      Glyph glyph = row.get(i);
      float gap = glyph.x() - previous.right();
      if (gap > SPACE_GAP * glyph.size()) {
        gaps[count++] = gap;
      }
    }
    if (count < MIN_WORD_GAPS) {
      // Too few spaces to measure: assume ordinary word spacing.
      return DEFAULT_WORD_GAP * row.get(0).size();
    }
    java.util.Arrays.sort(gaps, 0, count);
    return gaps[count / 2];
  }

  /**
   * Whether glyphs {@code [from, to)} are only a list marker ("•", "1.", "a)") or a section number
   * ("4.2", "B.1"): a hanging indent puts a wide gap after it, but it belongs to the text that
   * follows.
   */
  private static boolean isMarker(List<Glyph> row, int from, int to) {
    if (to - from > 8) {
      return false;
    }
    StringBuilder text = new StringBuilder();
    for (int i = from; i < to; i++) {
      text.append(row.get(i).text());
    }
    return ListMarkers.isMarkerOnly(text.toString())
        || ListMarkers.isSectionNumber(text.toString());
  }

  /** A line from glyphs sorted left to right. */
  static TextLine line(List<Glyph> glyphs) {
    StringBuilder text = new StringBuilder();
    float x0 = Float.MAX_VALUE;
    float x1 = -Float.MAX_VALUE;
    float top = Float.MAX_VALUE;
    float bottom = -Float.MAX_VALUE;
    int bold = 0;
    int italic = 0;
    float right = -Float.MAX_VALUE;
    Glyph previous = null;
    float narrowGap = WordSpacing.narrowGap(glyphs);
    for (Glyph glyph : glyphs) {
      // A space glyph drawn between two glyphs in sequence counts even when it is narrow.
      boolean drawnSpace =
          previous != null && glyph.spaceBefore() && glyph.sequence() - previous.sequence() == 2;
      if (text.length() > 0
          && (drawnSpace || glyph.x() - right > Math.min(narrowGap, SPACE_GAP * glyph.size()))
          && text.charAt(text.length() - 1) != ' ') {
        text.append(' ');
      }
      previous = glyph;
      text.append(glyph.text());
      right = Math.max(right, glyph.right());
      x0 = Math.min(x0, glyph.x());
      x1 = Math.max(x1, glyph.right());
      top = Math.min(top, glyph.top());
      bottom = Math.max(bottom, glyph.bottom());
      bold += glyph.bold() ? 1 : 0;
      italic += glyph.italic() ? 1 : 0;
    }
    float size = dominantSize(glyphs);
    float baseline = 0;
    for (Glyph glyph : glyphs) {
      if (glyph.size() == size) {
        baseline = glyph.baseline();
        break;
      }
    }
    int count = glyphs.size();
    return new TextLine(
        TextCleanup.clean(text),
        x0,
        x1,
        top,
        bottom,
        baseline,
        size,
        bold >= STYLE_SHARE * count,
        italic >= STYLE_SHARE * count,
        List.copyOf(glyphs));
  }

  /** The size most glyphs have; on a tie the larger, so a short mixed line is not demoted. */
  private static float dominantSize(List<Glyph> glyphs) {
    float best = 0;
    int bestCount = 0;
    // Lines hold few distinct sizes; a linear scan per distinct size stays cheap.
    List<Float> seen = new ArrayList<>(4);
    for (Glyph glyph : glyphs) {
      float size = glyph.size();
      if (seen.contains(size) || seen.size() > 8) {
        continue;
      }
      seen.add(size);
      int count = 0;
      for (Glyph other : glyphs) {
        if (other.size() == size) {
          count++;
        }
      }
      if (count > bestCount || (count == bestCount && size > best)) {
        best = size;
        bestCount = count;
      }
    }
    return best;
  }
}
