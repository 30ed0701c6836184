package org.convertalot.backend.pdfbox.internal.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Orders a page's boxes (lines and tables) for reading, by recursive XY-cut: a region is split at a
 * vertical gutter when real columns stand side by side, else at every horizontal gap that crosses
 * it, and the pieces are read left to right or top to bottom. Boxes that no cut separates are read
 * by position.
 *
 * <p>Items are sorted by the {@link Box} a function gives for each, so the things on the page need
 * not know about the algorithm.
 */
final class ReadingOrder {

  /**
   * An item's box on the page, in display space (points, y down).
   *
   * @param x0 the left edge
   * @param top the top edge
   * @param x1 the right edge
   * @param bottom the bottom edge
   */
  record Box(float x0, float top, float x1, float bottom) {}

  /** An item's box with the item's place in the input, to hand the item back once sorted. */
  private record Placed(int index, float x0, float top, float x1, float bottom) {}

  /** Boxes that no cut separates: top to bottom, then left to right. */
  private static final Comparator<Placed> BY_POSITION =
      Comparator.comparingDouble(Placed::top).thenComparingDouble(Placed::x0);

  /** Side-by-side parts are columns when their vertical extents overlap by this share. */
  static final float COLUMN_OVERLAP = 0.5f;

  /** Rows split by one gutter stay together across gaps up to this many line heights. */
  static final float MAX_COLUMN_BREAK = 1.5f;

  /** A horizontal gap must be at least this high (points) to cut. */
  static final float MIN_ROW_GAP = 0.1f;

  private ReadingOrder() {}

  /**
   * The items in reading order.
   *
   * @param items the items, in an order that only decides between boxes at the same place
   * @param boxOf the box of an item
   */
  static <T> List<T> sort(List<T> items, Function<? super T, Box> boxOf) {
    List<Placed> region = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Box box = boxOf.apply(items.get(i));
      region.add(new Placed(i, box.x0(), box.top(), box.x1(), box.bottom()));
    }
    List<Placed> ordered = new ArrayList<>(items.size());
    cut(region, ordered, 0);
    List<T> out = new ArrayList<>(items.size());
    for (Placed placed : ordered) {
      out.add(items.get(placed.index()));
    }
    return out;
  }

  private static void cut(List<Placed> region, List<Placed> out, int depth) {
    if (region.size() <= 1 || depth > 200) {
      region.sort(BY_POSITION);
      out.addAll(region);
      return;
    }
    float minGutter = Math.max(3f, 0.5f * medianHeight(region));
    List<List<Placed>> columns = columns(region, minGutter);
    List<List<Placed>> rows = rows(region);
    if (rows.size() > 1) {
      List<List<Placed>> merged = mergeColumnRows(rows, minGutter, medianHeight(region));
      // A merge into one piece would recurse on the same region; keep the plain rows then.
      if (merged.size() > 1) {
        rows = merged;
      }
    }
    boolean useColumns =
        columns.size() > 1 && (rows.size() <= 1 || isColumnar(columns.get(0), columns.get(1)));
    if (useColumns) {
      for (List<Placed> column : columns) {
        cut(column, out, depth + 1);
      }
    } else if (rows.size() > 1) {
      for (List<Placed> row : rows) {
        cut(row, out, depth + 1);
      }
    } else if (columns.size() > 1) {
      for (List<Placed> column : columns) {
        cut(column, out, depth + 1);
      }
    } else {
      region.sort(BY_POSITION);
      out.addAll(region);
    }
  }

  /** Splits at the widest vertical gap no box crosses; one part when there is none. */
  private static List<List<Placed>> columns(List<Placed> region, float minGutter) {
    region.sort(Comparator.comparingDouble(Placed::x0));
    float right = region.get(0).x1();
    float bestGap = 0;
    int bestIndex = -1;
    for (int i = 1; i < region.size(); i++) {
      Placed box = region.get(i);
      float gap = box.x0() - right;
      if (gap >= minGutter && gap > bestGap) {
        bestGap = gap;
        bestIndex = i;
      }
      right = Math.max(right, box.x1());
    }
    if (bestIndex < 0) {
      return List.of(region);
    }
    return List.of(
        new ArrayList<>(region.subList(0, bestIndex)),
        new ArrayList<>(region.subList(bestIndex, region.size())));
  }

  /** Splits at every horizontal gap that crosses the whole region. */
  private static List<List<Placed>> rows(List<Placed> region) {
    region.sort(Comparator.comparingDouble(Placed::top));
    List<List<Placed>> rows = new ArrayList<>();
    List<Placed> row = new ArrayList<>();
    float bottom = region.get(0).bottom();
    for (Placed box : region) {
      if (!row.isEmpty() && box.top() - bottom > MIN_ROW_GAP) {
        rows.add(row);
        row = new ArrayList<>();
      }
      row.add(box);
      bottom = Math.max(bottom, box.bottom());
    }
    rows.add(row);
    return rows;
  }

  /**
   * Joins consecutive rows while a gutter runs through all of them: lines of side-by-side columns
   * often share baselines, or one column pauses for a paragraph break, so horizontal gaps cross the
   * page between column lines, and cutting there would interleave the columns. The joined rows are
   * cut into columns on the next level.
   */
  private static List<List<Placed>> mergeColumnRows(
      List<List<Placed>> rows, float minGutter, float lineHeight) {
    List<List<Placed>> out = new ArrayList<>();
    List<Placed> group = null;
    List<float[]> coverage = null;
    float groupBottom = 0;
    for (List<Placed> row : rows) {
      float top = Float.MAX_VALUE;
      float bottom = -Float.MAX_VALUE;
      for (Placed box : row) {
        top = Math.min(top, box.top());
        bottom = Math.max(bottom, box.bottom());
      }
      List<float[]> joined = null;
      if (group != null && top - groupBottom <= MAX_COLUMN_BREAK * lineHeight) {
        joined = new ArrayList<>(coverage);
        for (Placed box : row) {
          joined.add(new float[] {box.x0(), box.x1()});
        }
        joined = union(joined);
        if (!hasGap(joined, minGutter)) {
          joined = null;
        }
      }
      if (joined != null) {
        group.addAll(row);
        coverage = joined;
      } else {
        group = new ArrayList<>(row);
        out.add(group);
        List<float[]> own = new ArrayList<>();
        for (Placed box : row) {
          own.add(new float[] {box.x0(), box.x1()});
        }
        coverage = union(own);
      }
      groupBottom = bottom;
    }
    return out;
  }

  /** The union of x-intervals, as disjoint intervals left to right. */
  private static List<float[]> union(List<float[]> intervals) {
    intervals.sort(Comparator.comparingDouble(a -> a[0]));
    List<float[]> out = new ArrayList<>();
    for (float[] interval : intervals) {
      float[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && interval[0] <= last[1]) {
        last[1] = Math.max(last[1], interval[1]);
      } else {
        out.add(new float[] {interval[0], interval[1]});
      }
    }
    return out;
  }

  private static boolean hasGap(List<float[]> coverage, float minGutter) {
    for (int i = 1; i < coverage.size(); i++) {
      if (coverage.get(i)[0] - coverage.get(i - 1)[1] >= minGutter) {
        return true;
      }
    }
    return false;
  }

  /** Two parts are columns when each has several boxes and they stand side by side. */
  private static boolean isColumnar(List<Placed> left, List<Placed> right) {
    if (left.size() < 2 || right.size() < 2) {
      return false;
    }
    float leftTop = Float.MAX_VALUE;
    float leftBottom = -Float.MAX_VALUE;
    for (Placed box : left) {
      leftTop = Math.min(leftTop, box.top());
      leftBottom = Math.max(leftBottom, box.bottom());
    }
    float rightTop = Float.MAX_VALUE;
    float rightBottom = -Float.MAX_VALUE;
    for (Placed box : right) {
      rightTop = Math.min(rightTop, box.top());
      rightBottom = Math.max(rightBottom, box.bottom());
    }
    float overlap = Math.min(leftBottom, rightBottom) - Math.max(leftTop, rightTop);
    float smaller = Math.min(leftBottom - leftTop, rightBottom - rightTop);
    return smaller > 0 && overlap >= COLUMN_OVERLAP * smaller;
  }

  private static float medianHeight(List<Placed> region) {
    float[] heights = new float[region.size()];
    for (int i = 0; i < heights.length; i++) {
      heights[i] = region.get(i).bottom() - region.get(i).top();
    }
    java.util.Arrays.sort(heights);
    return heights[heights.length / 2];
  }
}
