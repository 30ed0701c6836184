package org.convertalot.backend.pdfbox.internal.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.convertalot.backend.pdfbox.internal.tables.DetectedTable;
import org.convertalot.backend.pdfbox.internal.tables.TableDetection;
import org.convertalot.backend.pdfbox.internal.text.DropCaps;
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
    List<Glyph> flowing = without(glyphs, TableDetection.drawn(rulings, glyphs), parts);
    // Tables without any lines come last, from the text that no drawn table claimed.
    flowing = without(flowing, TableDetection.unruled(flowing), parts);
    // A drop cap joins its paragraph's first line before lines are built.
    for (TextLine line : LineBuilder.build(DropCaps.attach(flowing))) {
      parts.add(PagePart.of(line));
    }
    return BlockBuilder.group(ReadingOrder.sort(parts, PagePart::box));
  }
}
