package org.convertalot.backend.pdfbox.internal.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.convertalot.backend.pdfbox.internal.tables.DetectedTable;
import org.convertalot.backend.pdfbox.internal.tables.RuleStackDetector;
import org.convertalot.backend.pdfbox.internal.tables.RuledTableDetector;
import org.convertalot.backend.pdfbox.internal.tables.Table;
import org.convertalot.backend.pdfbox.internal.tables.UnruledTableDetector;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.LineBuilder;
import org.convertalot.backend.pdfbox.internal.text.Ruling;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Lays out one page: tables first (their glyphs leave the text flow), then lines from the remaining
 * glyphs, reading order over lines and tables, and blocks from the ordered lines.
 */
public final class PageLayout {

  private PageLayout() {}

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

  /** The glyphs outside the tables found; the tables join the page's parts. */
  private static List<Glyph> without(
      List<Glyph> glyphs, List<DetectedTable> tables, List<PagePart> parts) {
    if (tables.isEmpty()) {
      return glyphs;
    }
    Set<Glyph> taken = Collections.newSetFromMap(new IdentityHashMap<>());
    for (DetectedTable found : tables) {
      parts.add(PagePart.of(found.table()));
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
  public static List<Block> analyze(List<Glyph> glyphs, List<Ruling> rulings) {
    List<PagePart> parts = new ArrayList<>();
    List<DetectedTable> tables = new ArrayList<>(RuledTableDetector.detect(rulings, glyphs));
    tables.addAll(RuleStackDetector.detect(outside(rulings, tables), glyphs));
    List<Glyph> flowing = without(glyphs, tables, parts);
    // Tables without any lines come last, from the text that no drawn table claimed.
    flowing = without(flowing, UnruledTableDetector.detect(flowing), parts);
    for (TextLine line : LineBuilder.build(flowing)) {
      parts.add(PagePart.of(line));
    }
    return BlockBuilder.group(ReadingOrder.sort(parts, PagePart::box));
  }
}
