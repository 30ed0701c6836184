package org.convertalot.backend.pdfbox.internal.extract;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageTree;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDTransparencyGroup;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;
import org.convertalot.backend.pdfbox.internal.layout.Block;
import org.convertalot.backend.pdfbox.internal.layout.DocumentText;
import org.convertalot.backend.pdfbox.internal.layout.PageLayout;
import org.convertalot.backend.pdfbox.internal.text.FontStatistics;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.internal.text.Ruling;
import org.convertalot.backend.pdfbox.internal.text.TextCleanup;
import org.convertalot.backend.pdfbox.internal.text.TextLine;

/**
 * Collects a document's glyphs and drawn lines page by page and lays each page out as {@link
 * Block}s as soon as it is read, so memory holds one page's glyphs at a time. PDFBox's stripper
 * supplies the glyphs (positions, sizes, duplicate and diacritic handling); this subclass replaces
 * its text output with geometry-based layout ({@link PageLayout}), and adds path operators so one
 * pass also yields the lines that tables are drawn with. Every operator and glyph is counted
 * against the conversion's {@link WorkBudget}, which also asks the run's stop signal.
 *
 * <p>One instance converts one document; it is not thread-safe.
 */
public final class LayoutCollector extends PDFTextStripper {

  /** Told after every page, including pages without text; may throw to stop the extraction. */
  @FunctionalInterface
  public interface PageListener {
    /**
     * Called after a page.
     *
     * @param pagesDone the pages finished so far, from 1
     */
    void pageDone(int pagesDone);
  }

  private final PageListener listener;
  private final IntPredicate selected;
  private final List<Integer> pageNumbers = new ArrayList<>();
  private final FontStatistics fonts = new FontStatistics();
  private final List<List<Block>> pages = new ArrayList<>();
  private final List<Float> pageHeights = new ArrayList<>();
  private final FontStyles styles = new FontStyles();
  private final PathRecorder paths;
  private final List<Glyph> glyphs = new ArrayList<>();
  private final List<Integer> directions = new ArrayList<>();
  private final LinkAreas links = new LinkAreas();
  private float pageWidth;
  private float pageHeight;

  private final TextRecovery recovery;
  private final WorkBudget budget;

  private LayoutCollector(
      IntPredicate selected, PageListener listener, TextRecovery recovery, WorkBudget budget) {
    this.selected = selected;
    this.listener = listener;
    this.recovery = recovery;
    this.budget = budget;
    setSortByPosition(false);
    setSuppressDuplicateOverlappingText(true);
    paths = PathRecorder.attach(this);
  }

  /**
   * Extracts and lays out the selected pages; the others are not read at all.
   *
   * @param document an open document
   * @param selected which pages to read, by number from 1
   * @param listener told after every page read
   * @param recovery recovers text the text layer lacks, or null to read the text layer only
   * @param budget the work each page may ask for
   * @return the blocks per page and the font statistics
   * @throws IOException when PDFBox cannot read a page
   * @throws org.convertalot.api.error.InvalidInputException {@code too_large} when a page asks for
   *     more than the budget
   */
  public static DocumentText collect(
      PDDocument document,
      IntPredicate selected,
      PageListener listener,
      TextRecovery recovery,
      WorkBudget budget)
      throws IOException {
    LayoutCollector collector = new LayoutCollector(selected, listener, recovery, budget);
    collector.writeText(document, Writer.nullWriter());
    return new DocumentText(
        List.copyOf(collector.pages),
        collector.fonts,
        List.copyOf(collector.pageHeights),
        List.copyOf(collector.pageNumbers));
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
    int index = -1;
    for (PDPage page : pageTree) {
      index++;
      if (!selected.test(index + 1)) {
        continue;
      }
      glyphs.clear();
      directions.clear();
      paths.startPage(page.getCropBox(), page.getRotation());
      boolean sideways = page.getRotation() % 180 != 0;
      pageWidth = sideways ? page.getCropBox().getHeight() : page.getCropBox().getWidth();
      pageHeight = sideways ? page.getCropBox().getWidth() : page.getCropBox().getHeight();
      links.startPage(page);
      budget.startPage(index);
      if (page.hasContents()) {
        processPage(page);
      }
      if (recovery != null) {
        recovery.recover(index, glyphs, directions, paths.drawing(), pageWidth, pageHeight);
      }
      pages.add(layOut());
      pageHeights.add(pageHeight);
      pageNumbers.add(index + 1);
      done++;
      listener.pageDone(done);
    }
  }

  /** Counts every operator, in the page and in every form it draws, before running it. */
  @Override
  protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
    budget.operator();
    if (!budget.skipsTooDeepForm(operator, getLevel())) {
      super.processOperator(operator, operands);
    }
  }

  /** Counts every form drawn, nested ones included, before drawing it. */
  @Override
  public void showForm(PDFormXObject form) throws IOException {
    budget.form();
    super.showForm(form);
  }

  /** Counts every transparency group drawn as a form. */
  @Override
  public void showTransparencyGroup(PDTransparencyGroup form) throws IOException {
    budget.form();
    super.showTransparencyGroup(form);
  }

  /** Counts every glyph shown, duplicates included, before PDFBox makes a text position of it. */
  @Override
  protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement)
      throws IOException {
    budget.glyph();
    super.showGlyph(textRenderingMatrix, font, code, displacement);
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
    String text = TextCleanup.normalize(unicode);
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
    FontStyles.Style style = styles.of(position.getFont());
    glyphs.add(
        new Glyph(
            text,
            position.getXDirAdj(),
            Math.max(0, width),
            position.getYDirAdj(),
            size,
            style.bold(),
            style.italic(),
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
}
