package org.convertalot.backend.pdfbox.internal.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Marks page furniture from one page alone, where {@link RunningText} needs repetition across
 * pages: running heads, page numbers, footers and stamps in the top or bottom margin. A block is
 * furniture when it sits in the margin band with nothing but other margin text between it and the
 * page edge, is a line or two long, and looks like furniture: paired on its baseline with another
 * margin piece (a left and a right running head), or worded like one (a page number, "132 | Title",
 * an identifier, a web address, a download or revision stamp).
 *
 * <p>Furniture keeps its text (readers and references keep it too); it only never becomes a
 * heading, which is what a large running head or a bold footer would otherwise turn into.
 */
final class PageFurniture {

  /** Furniture lies in this share of the page height at the top or at the bottom. */
  static final float BAND = RunningText.BAND;

  /** Furniture is at most this many lines long. */
  static final int MAX_LINES = 2;

  /** Pieces whose baselines are this share of their size apart share a baseline. */
  static final float SAME_BASELINE = 0.3f;

  /** A page number, maybe in Roman numerals or between dashes, or "Page 3 of 12". */
  private static final Pattern PAGE_NUMBER =
      Pattern.compile(
          "(?i)[-\u2013\u2014 ]*(?:[0-9]{1,4}|[ivxlc]{1,7}|page [0-9]{1,4}(?: of [0-9]{1,4})?)"
              + "[-\u2013\u2014 ]*");

  /** A page number set against a title by a separator: "132 | Title", "Title | 191". */
  private static final Pattern NUMBERED_TITLE =
      Pattern.compile(
          "^[0-9]{1,4}\\s*[|\u2022\u00b7]\\s*\\S.*|.*\\S\\s*[|\u2022\u00b7]\\s*[0-9]{1,4}$");

  /**
   * Words of stamps and publisher lines, and identifiers: a DOI, ISBN, ISSN or arXiv number, a web
   * or e-mail address, or a token of many digits ("2021-2-FR02-KA220-YOU-000048126").
   */
  private static final Pattern STAMP =
      Pattern.compile(
          "(?i)^downloaded from\\b|^revision\\b|^rev\\.\\s*[0-9]|\\bdoi\\s*:|\\bisbn\\b|\\bissn\\b"
              + "|\\barxiv:|https?://|www\\.|\\S@\\S+\\.[a-z]{2,}|\u00a9|\\bcopyright\\b"
              + "|all rights reserved|(?:[0-9][-/.:]?){8,}");

  private PageFurniture() {}

  /**
   * The document with its furniture blocks marked.
   *
   * @param document the document, running lines already removed
   * @return the same document when it has no furniture, else a copy with those blocks marked
   */
  static DocumentText mark(DocumentText document) {
    if (document.pageHeights().size() != document.pages().size()) {
      return document;
    }
    List<List<Block>> pages = new ArrayList<>(document.pages().size());
    boolean changed = false;
    for (int p = 0; p < document.pages().size(); p++) {
      List<Block> page = document.pages().get(p);
      boolean[] furniture = furniture(page, document.pageHeights().get(p));
      List<Block> marked = new ArrayList<>(page.size());
      for (int i = 0; i < page.size(); i++) {
        marked.add(furniture[i] ? page.get(i).asFurniture() : page.get(i));
        changed |= furniture[i];
      }
      pages.add(marked);
    }
    return changed ? document.withPages(pages) : document;
  }

  /** Which blocks of a page are furniture. */
  static boolean[] furniture(List<Block> page, float height) {
    boolean[] margin = new boolean[page.size()];
    for (int i = 0; i < page.size(); i++) {
      margin[i] = inMargin(page, i, height);
    }
    boolean[] furniture = new boolean[page.size()];
    for (int i = 0; i < page.size(); i++) {
      Block block = page.get(i);
      if (!margin[i] || block.lines().size() > MAX_LINES) {
        continue;
      }
      String text = text(block);
      furniture[i] =
          PAGE_NUMBER.matcher(text).matches()
              || NUMBERED_TITLE.matcher(text).matches()
              || STAMP.matcher(text).find()
              || paired(page, margin, i);
    }
    return furniture;
  }

  /**
   * Whether a text block lies in the top or bottom band with only other band text between it and
   * that edge of the page: the body never reaches past it.
   */
  private static boolean inMargin(List<Block> page, int i, float height) {
    Block block = page.get(i);
    if (block.isTable()) {
      return false;
    }
    boolean top = block.bottom() <= BAND * height;
    boolean bottom = block.top() >= (1 - BAND) * height;
    if (!top && !bottom) {
      return false;
    }
    for (Block other : page) {
      if (other == block) {
        continue;
      }
      if (top && other.top() < block.top() && other.bottom() > BAND * height) {
        return false;
      }
      if (bottom && other.bottom() > block.bottom() && other.top() < (1 - BAND) * height) {
        return false;
      }
    }
    return true;
  }

  /** Whether another one-line margin block shares the block's baseline: left and right heads. */
  private static boolean paired(List<Block> page, boolean[] margin, int i) {
    TextLine line = page.get(i).first();
    if (page.get(i).lines().size() != 1) {
      return false;
    }
    for (int j = 0; j < page.size(); j++) {
      if (j == i || !margin[j] || page.get(j).lines().size() != 1) {
        continue;
      }
      TextLine other = page.get(j).first();
      boolean apart = other.x0() > line.x1() || other.x1() < line.x0();
      float size = Math.max(line.fontSize(), other.fontSize());
      if (apart && Math.abs(other.baseline() - line.baseline()) <= SAME_BASELINE * size) {
        return true;
      }
    }
    return false;
  }

  private static String text(Block block) {
    StringBuilder text = new StringBuilder();
    for (TextLine line : block.lines()) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(line.text());
    }
    return text.toString().strip();
  }
}
