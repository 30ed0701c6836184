package org.convertalot.backend.pdfbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Lays out one page: tables first (their glyphs leave the text flow), then lines from the remaining
 * glyphs, reading order over lines and tables, and blocks from the ordered lines.
 */
final class PageLayout {

  private PageLayout() {}

  /** The rulings that lie outside every table found so far. */
  private static List<Ruling> outside(List<Ruling> rulings, List<RuledTableDetector.Found> tables) {
    if (tables.isEmpty()) {
      return rulings;
    }
    List<Ruling> out = new ArrayList<>();
    for (Ruling ruling : rulings) {
      boolean inside = false;
      for (RuledTableDetector.Found found : tables) {
        Table t = found.table();
        float y = ruling.horizontal() ? ruling.position() : ruling.start();
        if (y >= t.top() - 2
            && y <= t.bottom() + 2
            && ruling.start() < t.x1()
            && ruling.end() > t.x0()) {
          inside = true;
          break;
        }
      }
      if (!inside) {
        out.add(ruling);
      }
    }
    return out;
  }

  /** The glyphs outside the tables found; the tables join the boxes. */
  private static List<Glyph> without(
      List<Glyph> glyphs, List<RuledTableDetector.Found> tables, List<ReadingOrder.Box> boxes) {
    if (tables.isEmpty()) {
      return glyphs;
    }
    Set<Glyph> taken = Collections.newSetFromMap(new IdentityHashMap<>());
    for (RuledTableDetector.Found found : tables) {
      boxes.add(found.table());
      taken.addAll(found.glyphs());
    }
    List<Glyph> flowing = new ArrayList<>(glyphs.size());
    for (Glyph glyph : glyphs) {
      if (!taken.contains(glyph)) {
        flowing.add(glyph);
      }
    }
    return flowing;
  }

  /**
   * The page's blocks in reading order.
   *
   * @param glyphs the page's visible glyphs
   * @param rulings the page's drawn lines
   */
  static List<Block> analyze(List<Glyph> glyphs, List<Ruling> rulings) {
    List<ReadingOrder.Box> boxes = new ArrayList<>();
    List<RuledTableDetector.Found> tables =
        new ArrayList<>(RuledTableDetector.detect(rulings, glyphs));
    tables.addAll(RuleStackDetector.detect(outside(rulings, tables), glyphs));
    List<Glyph> flowing = without(glyphs, tables, boxes);
    // Tables without any lines come last, from the text that no drawn table claimed.
    flowing = without(flowing, UnruledTableDetector.detect(flowing), boxes);
    List<TextLine> lines = LineBuilder.build(flowing);
    boxes.addAll(lines);
    return BlockBuilder.group(ReadingOrder.sort(boxes));
  }
}
