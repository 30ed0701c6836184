package org.convertalot.backend.pdfbox.internal.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.convertalot.backend.pdfbox.internal.text.FontStatistics;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Drops the running headers, footers and page numbers of multi-page documents: they repeat the same
 * words on every page and would interrupt the text wherever a paragraph crosses a page. Only lines
 * in the top or bottom band of a page are looked at; such a line goes when its text, with digits
 * made alike, comes back in the same band on most pages, or when it is a lone page number.
 */
public final class RunningText {

  /** The share of the page height at the top and at the bottom where running lines sit. */
  static final float BAND = 0.1f;

  /** A running line repeats on at least this many pages, and on more than half of them. */
  static final int MIN_REPEATS = 3;

  /** A lone page number, maybe between dashes: "7", "- 12 -". */
  private static final Pattern PAGE_NUMBER =
      Pattern.compile("[-\u2013\u2014 ]*[0-9]{1,4}[-\u2013\u2014 ]*");

  private RunningText() {}

  /**
   * The document without its running lines, whose glyphs also leave the document's font statistics,
   * and with the furniture that is left marked ({@link PageFurniture}), so that a single page's
   * running head is not taken for a heading either.
   */
  public static DocumentText strip(DocumentText document) {
    return PageFurniture.mark(withoutRepeats(document));
  }

  /** The document without its repeated running lines; itself when it has a single page. */
  private static DocumentText withoutRepeats(DocumentText document) {
    List<List<Block>> pages = document.pages();
    if (pages.size() < 2 || document.pageHeights().size() != pages.size()) {
      return document;
    }
    // Pages per band key; a key counts once per page.
    Map<String, Integer> pagesByKey = new HashMap<>();
    for (int p = 0; p < pages.size(); p++) {
      Set<String> seen = new HashSet<>();
      float height = document.pageHeights().get(p);
      for (Block block : pages.get(p)) {
        for (TextLine line : block.lines()) {
          String key = key(line, height);
          if (key != null && seen.add(key)) {
            pagesByKey.merge(key, 1, Integer::sum);
          }
        }
      }
    }
    int needed = Math.max(MIN_REPEATS, pages.size() / 2 + 1);
    List<List<Block>> kept = new ArrayList<>(pages.size());
    boolean changed = false;
    for (int p = 0; p < pages.size(); p++) {
      float height = document.pageHeights().get(p);
      List<Block> blocks = new ArrayList<>();
      for (Block block : pages.get(p)) {
        if (block.isTable()) {
          blocks.add(block);
          continue;
        }
        List<TextLine> lines = new ArrayList<>(block.lines().size());
        for (TextLine line : block.lines()) {
          String key = key(line, height);
          boolean running =
              key != null
                  && (pagesByKey.get(key) >= needed || PAGE_NUMBER.matcher(line.text()).matches());
          if (!running) {
            lines.add(line);
            continue;
          }
          // Running lines leave the size statistics too: they must not set the body size.
          for (Glyph glyph : line.glyphs()) {
            document.fonts().add(FontStatistics.sizeKey(glyph.size()), -1, glyph.bold() ? -1 : 0);
          }
        }
        if (lines.size() == block.lines().size()) {
          blocks.add(block);
        } else {
          changed = true;
          if (!lines.isEmpty()) {
            blocks.add(Block.text(lines));
          }
        }
      }
      kept.add(blocks);
    }
    return changed ? document.withPages(kept) : document;
  }

  /**
   * The band and normalized text of a line in the top or bottom band ("T:page # of #"), or null for
   * a line elsewhere.
   */
  static String key(TextLine line, float pageHeight) {
    String band;
    if (line.bottom() <= BAND * pageHeight) {
      band = "T:";
    } else if (line.top() >= (1 - BAND) * pageHeight) {
      band = "B:";
    } else {
      return null;
    }
    StringBuilder key = new StringBuilder(band);
    String text = line.text().toLowerCase(Locale.ROOT);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      key.append(Character.isDigit(c) ? '#' : c);
    }
    return key.toString();
  }
}
