package org.convertalot.backend.pdfbox.internal.tables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.Ruling;

/**
 * Finds tables drawn with lines: rulings that touch form a grid; its distinct line positions are
 * the column and row boundaries, a missing outer frame is added from the extent of the lines, and
 * missing interior lines make spanning cells. Grids that hold little text (charts, boxes around a
 * paragraph) are not tables.
 */
final class RuledTableDetector {

  /** Lines closer than this (points) across their direction are one line. */
  static final float SNAP = 2f;

  /** Collinear pieces with a gap up to this (points) are one line; dashed rules have such gaps. */
  static final float JOIN = 3f;

  /** Boundaries closer than this (points) are one boundary (double rules). */
  static final float MIN_CELL = 4f;

  private RuledTableDetector() {}

  /**
   * The ruled tables of a page. Drawn lines come first; the edges of filled areas only make tables
   * where no drawn grid is, since highlighted text inside a ruled cell is not a cell of its own.
   */
  static List<DetectedTable> detect(List<Ruling> rulings, List<Glyph> glyphs) {
    List<Ruling> drawn = new ArrayList<>();
    for (Ruling ruling : rulings) {
      if (!ruling.shading()) {
        drawn.add(ruling);
      }
    }
    List<DetectedTable> found = new ArrayList<>(detectIn(drawn, glyphs));
    if (drawn.size() == rulings.size()) {
      return found;
    }
    List<Ruling> rest = new ArrayList<>();
    for (Ruling ruling : rulings) {
      if (!insideAny(ruling, found)) {
        rest.add(ruling);
      }
    }
    for (DetectedTable candidate : detectIn(rest, glyphs)) {
      if (!overlapsAny(candidate.table(), found)) {
        found.add(candidate);
      }
    }
    return found;
  }

  private static boolean insideAny(Ruling ruling, List<DetectedTable> tables) {
    float mid = (ruling.start() + ruling.end()) / 2;
    float x = ruling.horizontal() ? mid : ruling.position();
    float y = ruling.horizontal() ? ruling.position() : mid;
    for (DetectedTable found : tables) {
      Table t = found.table();
      if (x >= t.x0() - SNAP
          && x <= t.x1() + SNAP
          && y >= t.top() - SNAP
          && y <= t.bottom() + SNAP) {
        return true;
      }
    }
    return false;
  }

  private static boolean overlapsAny(Table table, List<DetectedTable> tables) {
    for (DetectedTable found : tables) {
      Table t = found.table();
      if (table.x0() < t.x1()
          && t.x0() < table.x1()
          && table.top() < t.bottom()
          && t.top() < table.bottom()) {
        return true;
      }
    }
    return false;
  }

  private static List<DetectedTable> detectIn(List<Ruling> rulings, List<Glyph> glyphs) {
    List<Ruling> horizontal = new ArrayList<>();
    List<Ruling> vertical = new ArrayList<>();
    for (Ruling ruling : rulings) {
      (ruling.horizontal() ? horizontal : vertical).add(ruling);
    }
    horizontal = merge(horizontal);
    vertical = merge(vertical);
    if (horizontal.size() < 2 || vertical.isEmpty()) {
      return List.of();
    }
    int[] parent = new int[horizontal.size() + vertical.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (int h = 0; h < horizontal.size(); h++) {
      Ruling hr = horizontal.get(h);
      for (int v = 0; v < vertical.size(); v++) {
        Ruling vr = vertical.get(v);
        if (touches(hr, vr)) {
          union(parent, h, horizontal.size() + v);
        }
      }
    }
    Map<Integer, List<Ruling>> hsByRoot = new LinkedHashMap<>();
    Map<Integer, List<Ruling>> vsByRoot = new HashMap<>();
    for (int j = 0; j < parent.length; j++) {
      int root = find(parent, j);
      if (j < horizontal.size()) {
        hsByRoot.computeIfAbsent(root, k -> new ArrayList<>()).add(horizontal.get(j));
      } else {
        vsByRoot
            .computeIfAbsent(root, k -> new ArrayList<>())
            .add(vertical.get(j - horizontal.size()));
      }
    }
    List<DetectedTable> found = new ArrayList<>();
    for (Map.Entry<Integer, List<Ruling>> entry : hsByRoot.entrySet()) {
      List<Ruling> vs = vsByRoot.get(entry.getKey());
      if (vs != null) {
        DetectedTable table = grid(entry.getValue(), vs, glyphs);
        if (table != null) {
          found.add(table);
        }
      }
    }
    return found;
  }

  private static DetectedTable grid(List<Ruling> hs, List<Ruling> vs, List<Glyph> glyphs) {
    if (hs.size() + vs.size() < 4 || hs.isEmpty() || vs.isEmpty()) {
      return null;
    }
    float x0 = Float.MAX_VALUE;
    float x1 = -Float.MAX_VALUE;
    float y0 = Float.MAX_VALUE;
    float y1 = -Float.MAX_VALUE;
    for (Ruling h : hs) {
      x0 = Math.min(x0, h.start());
      x1 = Math.max(x1, h.end());
      y0 = Math.min(y0, h.position());
      y1 = Math.max(y1, h.position());
    }
    for (Ruling v : vs) {
      x0 = Math.min(x0, v.position());
      x1 = Math.max(x1, v.position());
      y0 = Math.min(y0, v.start());
      y1 = Math.max(y1, v.end());
    }
    // The outer frame is often left open; its extent is known from the lines that are drawn.
    float[] xs = boundaries(vs, x0, x1);
    float[] grid = boundaries(hs, y0, y1);
    if (xs.length < 2 || grid.length < 2) {
      return null;
    }
    // A header above a top rule that spans the table, with nothing drawn above it, is its first
    // row.
    float headerTop = spans(hs, y0, x0, x1) ? OpenHeader.top(xs, y0, glyphs) : Float.NaN;
    boolean header = !Float.isNaN(headerTop);
    float[] ys = grid;
    if (header) {
      ys = new float[grid.length + 1];
      ys[0] = headerTop;
      System.arraycopy(grid, 0, ys, 1, grid.length);
      y0 = headerTop;
    }
    float[] rowsAt = ys;
    List<Glyph> inside = new ArrayList<>();
    for (Glyph glyph : glyphs) {
      float cx = glyph.centerX();
      float cy = glyph.centerY();
      if (cx > x0 && cx < x1 && cy > y0 && cy < y1) {
        inside.add(glyph);
      }
    }
    if (inside.isEmpty()) {
      return null;
    }
    TableGrid.Edges edges =
        new TableGrid.Edges() {
          @Override
          public boolean vertical(int boundary, int row) {
            // The header row's labels are divided where the lines below them are.
            int drawnRow = header && row == 0 ? 1 : row;
            return drawn(vs, xs[boundary], rowsAt[drawnRow], rowsAt[drawnRow + 1]);
          }

          @Override
          public boolean horizontal(int boundary, int column) {
            return drawn(hs, rowsAt[boundary], xs[column], xs[column + 1]);
          }
        };
    Table table = TableGrid.build(xs, ys, edges, inside);
    return table == null ? null : new DetectedTable(table, inside);
  }

  /**
   * Whether a drawn line (not the edge of a filled area, which may be one shaded row of many) at
   * {@code position} runs from {@code from} to {@code to}.
   */
  private static boolean spans(List<Ruling> lines, float position, float from, float to) {
    for (Ruling line : lines) {
      if (!line.shading()
          && Math.abs(line.position() - position) <= SNAP
          && line.covers(from, to, MIN_CELL)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a line at {@code position} covers the middle half of {@code [from, to]}. */
  private static boolean drawn(List<Ruling> lines, float position, float from, float to) {
    float quarter = (to - from) / 4;
    for (Ruling line : lines) {
      if (Math.abs(line.position() - position) <= SNAP
          && line.covers(from + quarter, to - quarter, SNAP)) {
        return true;
      }
    }
    return false;
  }

  /** The distinct positions of the lines, with the frame's two edges, merging close ones. */
  private static float[] boundaries(List<Ruling> lines, float low, float high) {
    float[] positions = new float[lines.size() + 2];
    for (int i = 0; i < lines.size(); i++) {
      positions[i] = lines.get(i).position();
    }
    positions[lines.size()] = low;
    positions[lines.size() + 1] = high;
    Arrays.sort(positions);
    float[] out = new float[positions.length];
    int count = 0;
    for (float position : positions) {
      if (count == 0 || position - out[count - 1] >= MIN_CELL) {
        out[count++] = position;
      }
    }
    // The last boundary is the frame itself, even when an inner line lay just before it.
    if (count > 1 && high - out[count - 1] < MIN_CELL) {
      out[count - 1] = high;
    }
    return Arrays.copyOf(out, count);
  }

  private static boolean touches(Ruling h, Ruling v) {
    return v.position() >= h.start() - SNAP
        && v.position() <= h.end() + SNAP
        && h.position() >= v.start() - SNAP
        && h.position() <= v.end() + SNAP;
  }

  /** Joins collinear pieces of lines (dashes, cell-by-cell strokes) into whole lines. */
  static List<Ruling> merge(List<Ruling> lines) {
    List<Ruling> sorted = new ArrayList<>(lines);
    sorted.sort(Comparator.comparingDouble(Ruling::position));
    List<Ruling> out = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      int j = i + 1;
      while (j < sorted.size()
          && sorted.get(j).position() - sorted.get(j - 1).position() <= SNAP / 2) {
        j++;
      }
      List<Ruling> group = new ArrayList<>(sorted.subList(i, j));
      group.sort(Comparator.comparingDouble(Ruling::start));
      Ruling current = group.get(0);
      for (int k = 1; k < group.size(); k++) {
        Ruling next = group.get(k);
        if (next.start() <= current.end() + JOIN) {
          current =
              new Ruling(
                  current.horizontal(),
                  (current.position() + next.position()) / 2,
                  current.start(),
                  Math.max(current.end(), next.end()),
                  current.shading() && next.shading());
        } else {
          out.add(current);
          current = next;
        }
      }
      out.add(current);
      i = j;
    }
    return out;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    parent[find(parent, a)] = find(parent, b);
  }
}
