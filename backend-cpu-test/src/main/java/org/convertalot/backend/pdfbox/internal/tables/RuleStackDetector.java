package org.convertalot.backend.pdfbox.internal.tables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.Ruling;

/**
 * Finds tables drawn with horizontal rules only (top, header and bottom rules, as in most
 * scientific papers): two or more rules of the same extent stacked above each other enclose a
 * table, whose rows and columns come from the text between them ({@link TextTableBuilder}).
 */
final class RuleStackDetector {

  /** Rules whose ends differ by at most this (points) belong to one stack. */
  static final float SAME_EXTENT = 5f;

  /** Rules shorter than this (points) are underlines or decoration. */
  static final float MIN_RULE = 100f;

  /** Consecutive rules of a stack are at most this far apart (points). */
  static final float MAX_RULE_DISTANCE = 400f;

  private RuleStackDetector() {}

  /**
   * The tables enclosed by stacks of horizontal rules.
   *
   * @param rulings the page's drawn lines, outside already found tables
   * @param glyphs the page's glyphs, outside already found tables
   */
  static List<DetectedTable> detect(List<Ruling> rulings, List<Glyph> glyphs) {
    List<Ruling> rules = new ArrayList<>();
    for (Ruling ruling : rulings) {
      if (ruling.horizontal() && !ruling.shading() && ruling.length() >= MIN_RULE) {
        rules.add(ruling);
      }
    }
    rules = RuledTableDetector.merge(rules);
    rules.sort(Comparator.comparingDouble(Ruling::position));
    List<DetectedTable> found = new ArrayList<>();
    boolean[] used = new boolean[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      if (used[i]) {
        continue;
      }
      Ruling first = rules.get(i);
      Ruling last = first;
      for (int j = i + 1; j < rules.size(); j++) {
        Ruling next = rules.get(j);
        if (!used[j]
            && Math.abs(next.start() - first.start()) <= SAME_EXTENT
            && Math.abs(next.end() - first.end()) <= SAME_EXTENT
            && next.position() - last.position() <= MAX_RULE_DISTANCE
            && next.position() - last.position() > 1) {
          used[j] = true;
          last = next;
        }
      }
      if (last == first) {
        continue;
      }
      float x0 = first.start() - SAME_EXTENT;
      float x1 = first.end() + SAME_EXTENT;
      float top = first.position();
      float bottom = last.position();
      List<Glyph> inside = new ArrayList<>();
      for (Glyph glyph : glyphs) {
        float cx = glyph.centerX();
        float cy = glyph.centerY();
        if (cx > x0 && cx < x1 && cy > top && cy < bottom && !glyph.isSpace()) {
          inside.add(glyph);
        }
      }
      Table table = TextTableBuilder.build(inside, first.start(), top, first.end(), bottom);
      if (table != null) {
        found.add(new DetectedTable(table, inside));
      }
    }
    return found;
  }
}
