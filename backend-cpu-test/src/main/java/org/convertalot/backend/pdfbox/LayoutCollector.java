package org.convertalot.backend.pdfbox;

import java.io.IOException;
import java.io.Writer;
import java.text.Normalizer;
import java.util.ArrayList;
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
 * Collects a document's glyphs and drawn lines page by page and lays each page out as {@link
 * Block}s as soon as it is read, so memory holds one page's glyphs at a time. PDFBox's stripper
 * supplies the glyphs (positions, sizes, duplicate and diacritic handling); this subclass replaces
 * its text output with geometry-based layout ({@link PageLayout}), and adds path operators so one
 * pass also yields the lines that tables are drawn with.
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

  private final PageListener listener;
  private final FontStatistics fonts = new FontStatistics();
  private final List<List<Block>> pages = new ArrayList<>();
  private final List<Float> pageHeights = new ArrayList<>();
  private final Map<PDFont, int[]> styleByFont = new IdentityHashMap<>();
  private final PathRecorder paths;
  private final List<Glyph> glyphs = new ArrayList<>();
  private final List<Integer> directions = new ArrayList<>();
  private final LinkAreas links = new LinkAreas();
  private float pageWidth;
  private float pageHeight;

  private final PageRecognition recognition;

  private LayoutCollector(PageListener listener, PageRecognition recognition) {
    this.listener = listener;
    this.recognition = recognition;
    setSortByPosition(false);
    setSuppressDuplicateOverlappingText(true);
    paths = PathRecorder.attach(this);
  }

  /**
   * Extracts and lays out every page.
   *
   * @param document an open document
   * @param listener told after every page
   * @param recognition recovers text the text layer lacks, or null to read the text layer only
   * @return the blocks per page and the font statistics
   * @throws IOException when PDFBox cannot read a page
   */
  static DocumentText collect(
      PDDocument document, PageListener listener, PageRecognition recognition) throws IOException {
    LayoutCollector collector = new LayoutCollector(listener, recognition);
    collector.writeText(document, Writer.nullWriter());
    return new DocumentText(
        List.copyOf(collector.pages), collector.fonts, List.copyOf(collector.pageHeights));
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
      glyphs.clear();
      directions.clear();
      paths.startPage(page.getCropBox(), page.getRotation());
      boolean sideways = page.getRotation() % 180 != 0;
      pageWidth = sideways ? page.getCropBox().getHeight() : page.getCropBox().getWidth();
      pageHeight = sideways ? page.getCropBox().getWidth() : page.getCropBox().getHeight();
      links.startPage(page);
      if (page.hasContents()) {
        processPage(page);
      }
      if (recognition != null) {
        recognition.recognize(done, glyphs, directions, paths.drawing(), pageWidth, pageHeight);
      }
      pages.add(layOut());
      pageHeights.add(pageHeight);
      done++;
      listener.pageDone(done);
    }
  }

  /** Takes the page's glyphs instead of writing text; layout happens in {@link #layOut}. */
  @Override
  protected void writePage() {
    for (List<TextPosition> article : getCharactersByArticle()) {
      for (TextPosition position : article) {
        addGlyph(position);
      }
    }
  }

  private void addGlyph(TextPosition position) {
    String unicode = position.getUnicode();
    if (unicode == null || unicode.isEmpty()) {
      return;
    }
    String text = normalize(unicode);
    if (text.isEmpty()) {
      return;
    }
    float size = FontStatistics.sizeKey(sizeOf(position)) / 10f;
    float width = position.getWidthDirAdj();
    if (!Float.isFinite(width) || !Float.isFinite(position.getXDirAdj())) {
      return;
    }
    float x = position.getXDirAdj();
    float y = position.getYDirAdj();
    // Text outside the crop box is not shown (slugs, text parked off the page).
    if (position.getDir() == 0
        && (x + width < 0 || x > pageWidth || y < 0 || y - size > pageHeight)) {
      return;
    }
    int[] style = styleOf(position.getFont());
    glyphs.add(
        new Glyph(
            text,
            position.getXDirAdj(),
            Math.max(0, width),
            position.getYDirAdj(),
            size,
            style[0] == 1,
            style[1] == 1,
            glyphs.size(),
            !glyphs.isEmpty() && glyphs.get(glyphs.size() - 1).isSpace(),
            position.getDir() == 0 ? links.uriAt(x + width / 2, y - 0.3f * size) : null));
    directions.add(Math.round(position.getDir()));
  }

  /** Lays out the collected page: only glyphs in the page's main text direction take part. */
  private List<Block> layOut() {
    if (glyphs.isEmpty()) {
      return List.of();
    }
    int main = mainDirection();
    List<Glyph> upright = new ArrayList<>(glyphs.size());
    for (int i = 0; i < glyphs.size(); i++) {
      if (directions.get(i) == main) {
        upright.add(glyphs.get(i));
      }
    }
    List<Ruling> rulings = main == 0 ? paths.rulings() : List.of();
    List<Block> blocks = PageLayout.analyze(upright, rulings);
    for (Block block : blocks) {
      for (TextLine line : block.lines()) {
        for (Glyph glyph : line.glyphs()) {
          fonts.add(FontStatistics.sizeKey(glyph.size()), 1, glyph.bold() ? 1 : 0);
        }
      }
    }
    return blocks;
  }

  private int mainDirection() {
    int[] counts = new int[4];
    for (int direction : directions) {
      counts[Math.floorMod(direction / 90, 4)]++;
    }
    int best = 0;
    for (int i = 1; i < 4; i++) {
      if (counts[i] > counts[best]) {
        best = i;
      }
    }
    return best * 90;
  }

  /**
   * Ligatures and presentation forms become plain letters (NFKC, as the stripper does for its own
   * output); control characters from broken ToUnicode maps are dropped.
   */
  static String normalize(String unicode) {
    String text = unicode;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= '\uFB00' && c <= '\uFDFF') || (c >= '\uFE70' && c <= '\uFEFF')) {
        text = Normalizer.normalize(text, Normalizer.Form.NFKC);
        break;
      }
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0') {
        out.append(' ');
      } else if (!Character.isISOControl(c) && c != '\uFEFF') {
        out.append(c);
      }
    }
    return out.toString();
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

  /** {bold, italic} as 0 or 1, cached per font. */
  private int[] styleOf(PDFont font) {
    if (font == null) {
      return new int[2];
    }
    return styleByFont.computeIfAbsent(
        font, f -> new int[] {looksBold(f) ? 1 : 0, looksItalic(f) ? 1 : 0});
  }

  /** Bold by font descriptor (ForceBold, weight 600 and up) or by a weight word in the name. */
  private static boolean looksBold(PDFont font) {
    PDFontDescriptor descriptor = font.getFontDescriptor();
    if (descriptor != null && (descriptor.isForceBold() || descriptor.getFontWeight() >= 600)) {
      return true;
    }
    return isBoldName(font.getName());
  }

  /** Whether a font name carries a heavy weight word. */
  static boolean isBoldName(String name) {
    if (name == null) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("bold")
        || lower.contains("black")
        || lower.contains("heavy")
        || lower.contains("semibold")
        || lower.contains("demi")
        // Medium and "Medi" (URW's Times bold) are used as the heavier face of a family.
        || lower.contains("medi");
  }

  /** Italic by the descriptor's flag or angle, or by a style word in the name. */
  private static boolean looksItalic(PDFont font) {
    PDFontDescriptor descriptor = font.getFontDescriptor();
    if (descriptor != null && (descriptor.isItalic() || descriptor.getItalicAngle() != 0)) {
      return true;
    }
    String name = font.getName();
    if (name == null) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("italic") || lower.contains("oblique");
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
