package org.convertalot.backend.pdfbox.internal.tables;

import java.util.ArrayList;
import java.util.List;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.Ruling;

/**
 * How a page's tables are found, in two steps because the text flow changes in between: tables
 * drawn with lines first ({@link #drawn}), then, once their glyphs have left the text flow, tables
 * drawn without any lines ({@link #unruled}).
 */
public final class TableDetection {

  private TableDetection() {}

  /**
   * The tables drawn with lines: grids first, then stacks of horizontal rules among the lines no
   * grid took.
   *
   * @param rulings the page's drawn lines
   * @param glyphs the page's glyphs
   */
  public static List<DetectedTable> drawn(List<Ruling> rulings, List<Glyph> glyphs) {
    List<DetectedTable> tables = new ArrayList<>(RuledTableDetector.detect(rulings, glyphs));
    tables.addAll(RuleStackDetector.detect(outside(rulings, tables), glyphs));
    return tables;
  }

  /**
   * The tables drawn without lines, aligned text only.
   *
   * @param glyphs the page's glyphs outside the tables drawn with lines
   */
  public static List<DetectedTable> unruled(List<Glyph> glyphs) {
    return UnruledTableDetector.detect(glyphs);
  }

  /** The rulings that lie outside every table found so far. */
  private static List<Ruling> outside(List<Ruling> rulings, List<DetectedTable> tables) {
    if (tables.isEmpty()) {
      return rulings;
    }
    List<Ruling> out = new ArrayList<>();
    for (Ruling ruling : rulings) {
      boolean inside = false;
      for (DetectedTable found : tables) {
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
}
