package org.convertalot.backend.pdfbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders a page's boxes (lines and tables) for reading, by recursive XY-cut: a region is split at a
 * vertical gutter when real columns stand side by side, else at every horizontal gap that crosses
 * it, and the pieces are read left to right or top to bottom. Boxes that no cut separates are read
 * by position.
 */
final class ReadingOrder {

  /** Something with a box on the page. */
  interface Box {
    float x0();

    float x1();

    float top();

    float bottom();
  }

  /** Side-by-side parts are columns when their vertical extents overlap by this share. */
  static final float COLUMN_OVERLAP = 0.5f;

  /** Rows split by one gutter stay together across gaps up to this many line heights. */
  static final float MAX_COLUMN_BREAK = 1.5f;

  /** A horizontal gap must be at least this high (points) to cut. */
  static final float MIN_ROW_GAP = 0.1f;

  private ReadingOrder() {}

  /** The boxes in reading order. */
  static <T extends Box> List<T> sort(List<T> boxes) {
    List<T> out = new ArrayList<>(boxes.size());
    cut(new ArrayList<>(boxes), out, 0);
    return out;
  }

  private static <T extends Box> void cut(List<T> region, List<T> out, int depth) {
    if (region.size() <= 1 || depth > 200) {
      region.sort(Comparator.comparingDouble((T b) -> b.top()).thenComparingDouble(Box::x0));
      out.addAll(region);
      return;
    }
    float minGutter = Math.max(3f, 0.5f * medianHeight(region));
    List<List<T>> columns = columns(region, minGutter);
    List<List<T>> rows = rows(region);
    if (rows.size() > 1) {
      List<List<T>> merged = mergeColumnRows(rows, minGutter, medianHeight(region));
      // A merge into one piece would recurse on the same region; keep the plain rows then.
      if (merged.size() > 1) {
        rows = merged;
      }
    }
    boolean useColumns =
        columns.size() > 1 && (rows.size() <= 1 || isColumnar(columns.get(0), columns.get(1)));
    if (useColumns) {
      for (List<T> column : columns) {
        cut(column, out, depth + 1);
      }
    } else if (rows.size() > 1) {
      for (List<T> row : rows) {
        cut(row, out, depth + 1);
      }
    } else if (columns.size() > 1) {
      for (List<T> column : columns) {
        cut(column, out, depth + 1);
      }
    } else {
      region.sort(Comparator.comparingDouble((T b) -> b.top()).thenComparingDouble(Box::x0));
      out.addAll(region);
    }
  }

  /** Splits at the widest vertical gap no box crosses; one part when there is none. */
  private static <T extends Box> List<List<T>> columns(List<T> region, float minGutter) {
    region.sort(Comparator.comparingDouble(Box::x0));
    float right = region.get(0).x1();
    float bestGap = 0;
    int bestIndex = -1;
    for (int i = 1; i < region.size(); i++) {
      T box = region.get(i);
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
  private static <T extends Box> List<List<T>> rows(List<T> region) {
    region.sort(Comparator.comparingDouble(Box::top));
    List<List<T>> rows = new ArrayList<>();
    List<T> row = new ArrayList<>();
    float bottom = region.get(0).bottom();
    for (T box : region) {
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
  private static <T extends Box> List<List<T>> mergeColumnRows(
      List<List<T>> rows, float minGutter, float lineHeight) {
    List<List<T>> out = new ArrayList<>();
    List<T> group = null;
    List<float[]> coverage = null;
    float groupBottom = 0;
    for (List<T> row : rows) {
      float top = Float.MAX_VALUE;
      float bottom = -Float.MAX_VALUE;
      for (T box : row) {
        top = Math.min(top, box.top());
        bottom = Math.max(bottom, box.bottom());
      }
      List<float[]> joined = null;
      if (group != null && top - groupBottom <= MAX_COLUMN_BREAK * lineHeight) {
        joined = new ArrayList<>(coverage);
        for (T box : row) {
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
        for (T box : row) {
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
  private static <T extends Box> boolean isColumnar(List<T> left, List<T> right) {
    if (left.size() < 2 || right.size() < 2) {
      return false;
    }
    float leftTop = Float.MAX_VALUE;
    float leftBottom = -Float.MAX_VALUE;
    for (T box : left) {
      leftTop = Math.min(leftTop, box.top());
      leftBottom = Math.max(leftBottom, box.bottom());
    }
    float rightTop = Float.MAX_VALUE;
    float rightBottom = -Float.MAX_VALUE;
    for (T box : right) {
      rightTop = Math.min(rightTop, box.top());
      rightBottom = Math.max(rightBottom, box.bottom());
    }
    float overlap = Math.min(leftBottom, rightBottom) - Math.max(leftTop, rightTop);
    float smaller = Math.min(leftBottom - leftTop, rightBottom - rightTop);
    return smaller > 0 && overlap >= COLUMN_OVERLAP * smaller;
  }

  private static <T extends Box> float medianHeight(List<T> region) {
    float[] heights = new float[region.size()];
    for (int i = 0; i < heights.length; i++) {
      heights[i] = region.get(i).bottom() - region.get(i).top();
    }
    java.util.Arrays.sort(heights);
    return heights[heights.length / 2];
  }
}
