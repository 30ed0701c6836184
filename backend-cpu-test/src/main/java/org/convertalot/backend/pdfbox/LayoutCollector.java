package org.convertalot.backend.pdfbox;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageTree;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Collects a document's text as {@link TextLine}s. PDFBox's stripper does the hard parts (glyph
 * positions, word spacing, line grouping, ligature normalization); this subclass intercepts its
 * output callbacks instead of writing a string, and records each line's size, weight and position.
 *
 * <p>Text stays in content-stream order ({@code sortByPosition} off): producers write columns one
 * after the other, while sorting by position interleaves the lines of side-by-side columns.
 *
 * <p>One instance converts one document; it is not thread-safe.
 */
final class LayoutCollector extends PDFTextStripper {

  /** Told after every page, including pages without text; may throw to stop the extraction. */
  @FunctionalInterface
  interface PageListener {
    /**
     * Called after a page.
     *
     * @param pagesDone the pages finished so far, from 1
     */
    void pageDone(int pagesDone);
  }

  /** A line counts as bold when at least this share of its glyphs is bold. */
  private static final double BOLD_LINE_SHARE = 0.8;

  /** Distinct sizes tracked per line; more only happens in pathological files. */
  private static final int MAX_SIZES_PER_LINE = 16;

  private final PageListener listener;
  private final FontStatistics fonts = new FontStatistics();
  private final List<List<TextLine>> pages = new ArrayList<>();
  private final Map<PDFont, Boolean> boldByFont = new IdentityHashMap<>();

  private List<TextLine> currentPage = new ArrayList<>();
  private boolean nextLineStartsParagraph = true;

  // The line being built; reset by finishLine().
  private final StringBuilder lineText = new StringBuilder();
  private int[] sizeKeys = new int[4];
  private int[] sizeGlyphs = new int[4];
  private int[] sizeBoldGlyphs = new int[4];
  private float[] sizeFirstBaseline = new float[4];
  private int sizeCount;
  private int lineGlyphs;
  private int lineBoldGlyphs;

  private LayoutCollector(PageListener listener) {
    this.listener = listener;
    setSortByPosition(false);
    setSuppressDuplicateOverlappingText(true);
  }

  /**
   * Extracts the lines of every page.
   *
   * @param document an open document
   * @param listener told after every page
   * @return the lines per page and the font statistics
   * @throws IOException when PDFBox cannot read a page
   */
  static DocumentText collect(PDDocument document, PageListener listener) throws IOException {
    LayoutCollector collector = new LayoutCollector(listener);
    collector.writeText(document, Writer.nullWriter());
    return new DocumentText(List.copyOf(collector.pages), collector.fonts);
  }

  /**
   * Walks the pages itself so that pages without a content stream are counted too (the stripper
   * skips them silently) and so that the listener runs between pages. {@code processPage} checks
   * the stripper's page counter against its start and end page; both are left at their defaults
   * (every page), so the counter that only {@code super.processPages} advances does not matter.
   */
  @Override
  protected void processPages(PDPageTree pageTree) throws IOException {
    int done = 0;
    for (PDPage page : pageTree) {
      currentPage = new ArrayList<>();
      nextLineStartsParagraph = true;
      if (page.hasContents()) {
        processPage(page);
      }
      finishLine();
      pages.add(currentPage);
      done++;
      listener.pageDone(done);
    }
  }

  @Override
  protected void writeString(String text, List<TextPosition> textPositions) {
    appendWord(text, textPositions);
    for (TextPosition position : textPositions) {
      String unicode = position.getUnicode();
      if (unicode == null || unicode.isBlank()) {
        continue;
      }
      boolean bold = isBold(position.getFont());
      addGlyph(FontStatistics.sizeKey(sizeOf(position)), bold, position.getYDirAdj());
    }
  }

  /**
   * Appends a word. In content-stream order the stripper only adds spaces for gaps to the right, so
   * text drawn right to left (a page number placed before a running head) arrives as one word; a
   * space goes wherever the next glyph starts left of the previous one.
   */
  private void appendWord(String text, List<TextPosition> positions) {
    if (text.length() != positions.size()) {
      // Normalization (ligatures, right-to-left) changed the text; positions no longer align.
      lineText.append(text);
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      if (i > 0 && movesLeft(positions.get(i - 1), positions.get(i))) {
        lineText.append(' ');
      }
      lineText.append(text.charAt(i));
    }
  }

  /**
   * Whether {@code next} starts clearly left of {@code previous}: by more than twice their widths,
   * so that kerning, overprinted accents and right-to-left scripts drawn glyph by glyph never
   * count.
   */
  private static boolean movesLeft(TextPosition previous, TextPosition next) {
    if (isRightToLeft(previous.getUnicode()) || isRightToLeft(next.getUnicode())) {
      return false;
    }
    float back = previous.getXDirAdj() - next.getXDirAdj();
    return back > 1f + 2f * (previous.getWidthDirAdj() + next.getWidthDirAdj());
  }

  private static boolean isRightToLeft(String unicode) {
    if (unicode == null || unicode.isEmpty()) {
      return false;
    }
    byte direction = Character.getDirectionality(unicode.codePointAt(0));
    return direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
        || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
  }

  @Override
  protected void writeWordSeparator() {
    lineText.append(' ');
  }

  @Override
  protected void writeLineSeparator() {
    finishLine();
  }

  @Override
  protected void writeParagraphStart() {
    finishLine();
    nextLineStartsParagraph = true;
  }

  @Override
  protected void writeParagraphEnd() {
    finishLine();
  }

  @Override
  protected void startArticle(boolean isLtr) {
    finishLine();
  }

  @Override
  protected void endArticle() {
    finishLine();
  }

  @Override
  protected void writePageStart() {
    // Page breaks are handled in processPages.
  }

  @Override
  protected void writePageEnd() {
    // Page breaks are handled in processPages.
  }

  /**
   * The glyph's size in points from the text rendering matrix, which includes the CTM; {@code
   * getFontSizeInPt} is rounded and ignores it.
   */
  private static float sizeOf(TextPosition position) {
    float size = Math.abs(position.getYScale());
    if (!(size > 0) || Float.isInfinite(size)) {
      size = Math.abs(position.getFontSizeInPt());
    }
    return Float.isFinite(size) ? size : 0;
  }

  private boolean isBold(PDFont font) {
    if (font == null) {
      return false;
    }
    return boldByFont.computeIfAbsent(font, LayoutCollector::looksBold);
  }

  /** Bold by font descriptor (ForceBold, weight 600 and up) or by a weight word in the name. */
  private static boolean looksBold(PDFont font) {
    PDFontDescriptor descriptor = font.getFontDescriptor();
    if (descriptor != null && (descriptor.isForceBold() || descriptor.getFontWeight() >= 600)) {
      return true;
    }
    String name = font.getName();
    if (name == null) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("bold")
        || lower.contains("black")
        || lower.contains("heavy")
        || lower.contains("semibold")
        || lower.contains("demi");
  }

  private void addGlyph(int sizeKey, boolean bold, float baseline) {
    lineGlyphs++;
    if (bold) {
      lineBoldGlyphs++;
    }
    for (int i = 0; i < sizeCount; i++) {
      if (sizeKeys[i] == sizeKey) {
        sizeGlyphs[i]++;
        if (bold) {
          sizeBoldGlyphs[i]++;
        }
        return;
      }
    }
    if (sizeCount == MAX_SIZES_PER_LINE) {
      return;
    }
    if (sizeCount == sizeKeys.length) {
      int capacity = sizeKeys.length * 2;
      sizeKeys = Arrays.copyOf(sizeKeys, capacity);
      sizeGlyphs = Arrays.copyOf(sizeGlyphs, capacity);
      sizeBoldGlyphs = Arrays.copyOf(sizeBoldGlyphs, capacity);
      sizeFirstBaseline = Arrays.copyOf(sizeFirstBaseline, capacity);
    }
    sizeKeys[sizeCount] = sizeKey;
    sizeGlyphs[sizeCount] = 1;
    sizeBoldGlyphs[sizeCount] = bold ? 1 : 0;
    sizeFirstBaseline[sizeCount] = baseline;
    sizeCount++;
  }

  /** Turns the buffered line into a {@link TextLine}, unless it has no visible glyphs. */
  private void finishLine() {
    String text = clean(lineText);
    if (lineGlyphs > 0 && !text.isEmpty()) {
      int dominant = 0;
      for (int i = 0; i < sizeCount; i++) {
        fonts.add(sizeKeys[i], sizeGlyphs[i], sizeBoldGlyphs[i]);
        // On a tie the larger size wins, so a short line mixing two sizes is not demoted.
        if (sizeGlyphs[i] > sizeGlyphs[dominant]
            || (sizeGlyphs[i] == sizeGlyphs[dominant] && sizeKeys[i] > sizeKeys[dominant])) {
          dominant = i;
        }
      }
      currentPage.add(
          new TextLine(
              text,
              sizeKeys[dominant] / 10f,
              lineBoldGlyphs >= BOLD_LINE_SHARE * lineGlyphs,
              sizeFirstBaseline[dominant],
              nextLineStartsParagraph,
              lineGlyphs));
      nextLineStartsParagraph = false;
    }
    lineText.setLength(0);
    sizeCount = 0;
    lineGlyphs = 0;
    lineBoldGlyphs = 0;
  }

  /**
   * Replaces control characters (broken ToUnicode maps produce them) by spaces, collapses runs of
   * white space and trims.
   */
  static String clean(CharSequence raw) {
    StringBuilder out = new StringBuilder(raw.length());
    boolean pendingSpace = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.append(c);
    }
    return out.toString();
  }
}
