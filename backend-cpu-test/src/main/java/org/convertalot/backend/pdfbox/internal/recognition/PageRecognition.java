package org.convertalot.backend.pdfbox.internal.recognition;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.convertalot.backend.pdfbox.internal.extract.ImageArea;
import org.convertalot.backend.pdfbox.internal.extract.PageDrawing;
import org.convertalot.backend.pdfbox.internal.extract.TextRecovery;
import org.convertalot.backend.pdfbox.internal.extract.WorkBudget;
import org.convertalot.backend.pdfbox.internal.text.Glyph;
import org.convertalot.backend.pdfbox.ocr.RecognizedWord;
import org.convertalot.backend.pdfbox.ocr.TextRecognizer;

/**
 * Recovers text that a page shows but its text layer lacks, with a {@link TextRecognizer}:
 *
 * <ul>
 *   <li>a page with (almost) no text layer — a scan, or text drawn as outlines — is rendered and
 *       recognized whole; text-layer glyphs that a recognized word covers are dropped;
 *   <li>on a page with a text layer, each large raster image without text over it (a table or a
 *       page pasted in as a picture) is recognized on its own, and kept only when it reads as text:
 *       enough confident words, so that photos and charts add no noise;
 *   <li>so is each smaller image shaped like a line of text (a title or a banner drawn as a
 *       picture), whose words are kept when they are a line or two recognized with high confidence.
 * </ul>
 *
 * <p>Recognized words become {@link Glyph}s (letters spread evenly over the word's box, sizes from
 * the line height), so the page's layout analysis treats them like any other text. Rendering and
 * decoding are held to the conversion's {@link WorkBudget}: an image too large to decode is {@code
 * invalid_input}, reason {@code too_large}, before any of it is decoded. One instance serves one
 * document on one thread.
 */
public final class PageRecognition implements TextRecovery {

  /**
   * Pages with fewer visible text-layer characters than this are recognized whole, when they draw
   * something: images, or many paths (text drawn as outlines).
   */
  static final int SPARSE_TEXT_CHARS = 24;

  /** A page painting at least this many paths may show text drawn as outlines. */
  static final int MIN_PAINTED_PATHS = 100;

  /** An image covering at least this share of the page may hold text worth recognizing. */
  static final float MIN_IMAGE_SHARE = 0.08f;

  /** An image with more text-layer characters over it than this already has its text. */
  static final int MAX_CHARS_OVER_IMAGE = 8;

  /** An image's words are kept only when at least this many pass the confidence checks... */
  static final int MIN_IMAGE_WORDS = 12;

  /** ...and at least this share of their characters are letters or digits. */
  static final float MIN_ALPHANUMERIC_SHARE = 0.7f;

  /**
   * An image at least this many times as wide as it is tall, and at least {@link #MIN_BANNER_SHARE}
   * of the page, is shaped like a line of text: a title or a banner drawn as a picture.
   */
  static final float BANNER_ASPECT = 3f;

  /** A banner covers at least this share of the page; logos and icons are smaller. */
  static final float MIN_BANNER_SHARE = 0.01f;

  /** At most this many banners are recognized on a page, to keep the cost of a page bounded. */
  static final int MAX_BANNERS = 4;

  /**
   * A banner's words are kept when they are a line or two of at least {@link #MIN_BANNER_WORDS}
   * words whose mean confidence reaches this (0 to 100): too few words to judge by their number.
   */
  static final float MIN_BANNER_CONFIDENCE = 85;

  static final int MIN_BANNER_WORDS = 2;

  static final int MAX_BANNER_LINES = 2;

  /** Renders larger than this many pixels are drawn at a lower resolution. */
  static final long MAX_PIXELS = 40_000_000L;

  /** Where the conversion's recognizer comes from, opened only when a page first needs one. */
  public interface RecognizerSource {
    /** The recognizer; null when it cannot be opened here. */
    TextRecognizer get();
  }

  private final PDDocument document;
  private final RecognizerSource recognizers;
  private final int dpi;
  private final WorkBudget budget;
  private BudgetedRenderer renderer;
  private int pagesRecognized;
  private int imagesRecognized;

  public PageRecognition(
      PDDocument document, RecognizerSource recognizers, int dpi, WorkBudget budget) {
    this.document = document;
    this.recognizers = recognizers;
    this.dpi = dpi;
    this.budget = budget;
  }

  /** Pages recognized whole so far. */
  public int pagesRecognized() {
    return pagesRecognized;
  }

  /** Images recognized (and kept) so far. */
  public int imagesRecognized() {
    return imagesRecognized;
  }

  /**
   * Recognizes the page whole when its text layer is (almost) empty, else its large images without
   * text over them; see the class comment.
   */
  @Override
  public boolean recover(
      int pageIndex,
      List<Glyph> glyphs,
      List<Integer> directions,
      PageDrawing drawing,
      float pageWidth,
      float pageHeight)
      throws IOException {
    if (visibleChars(glyphs) < SPARSE_TEXT_CHARS) {
      boolean drawsSomething =
          drawing.imageCoverage() >= MIN_IMAGE_SHARE || drawing.paintedPaths() >= MIN_PAINTED_PATHS;
      return drawsSomething && recognizePage(pageIndex, glyphs, directions, pageWidth, pageHeight);
    }
    List<ImageArea> candidates = new ArrayList<>();
    int banners = 0;
    for (ImageArea image : drawing.images()) {
      boolean large = image.area() >= MIN_IMAGE_SHARE * pageWidth * pageHeight;
      boolean banner = !large && isBanner(image, pageWidth, pageHeight);
      if ((large || (banner && banners < MAX_BANNERS))
          && charsOver(glyphs, image) <= MAX_CHARS_OVER_IMAGE
          && !overlapsAny(image, candidates)) {
        candidates.add(image);
        banners += banner ? 1 : 0;
      }
    }
    if (candidates.isEmpty()) {
      return false;
    }
    TextRecognizer recognizer = recognizers.get();
    if (recognizer == null) {
      return false;
    }
    int resolution = resolution(pageWidth, pageHeight);
    float textSize = RecognizedText.commonSize(glyphs);
    BufferedImage page = null;
    boolean added = false;
    for (ImageArea image : candidates) {
      // The image's own pixels where they show what the page shows; the rendered page otherwise.
      BufferedImage pixels = ImagePixels.ownPixels(image, dpi, budget);
      float scaleX;
      float scaleY;
      if (pixels != null) {
        scaleX = image.width() / pixels.getWidth();
        scaleY = image.height() / pixels.getHeight();
      } else {
        if (page == null) {
          page = render(pageIndex, resolution);
        }
        float scale = 72f / resolution;
        int x0 = clamp(Math.round(image.x0() / scale), page.getWidth());
        int y0 = clamp(Math.round(image.top() / scale), page.getHeight());
        int x1 = clamp(Math.round(image.x1() / scale), page.getWidth());
        int y1 = clamp(Math.round(image.bottom() / scale), page.getHeight());
        if (x1 - x0 < ImagePixels.MIN_SIDE || y1 - y0 < ImagePixels.MIN_SIDE) {
          continue;
        }
        pixels = page.getSubimage(x0, y0, x1 - x0, y1 - y0);
        scaleX = image.width() / pixels.getWidth();
        scaleY = image.height() / pixels.getHeight();
      }
      int pixelsPerInch = Math.round(72f / scaleY);
      ImagePixels.Paper paper = ImagePixels.Paper.of(pixels);
      if (paper.share() < ImagePixels.MIN_BACKGROUND_SHARE) {
        continue;
      }
      List<RecognizedWord> words =
          RecognizedText.confident(
              recognizer.recognize(paper.darkTextOnLight(pixels), pixelsPerInch));
      boolean readsAsText =
          words.size() >= MIN_IMAGE_WORDS
              || (isBanner(image, pageWidth, pageHeight) && readsAsBanner(words));
      if (!readsAsText || RecognizedText.alphanumericShare(words) < MIN_ALPHANUMERIC_SHARE) {
        continue;
      }
      List<Glyph> recognized =
          RecognizedText.toGlyphs(words, image.x0(), image.top(), scaleX, scaleY, glyphs.size());
      add(glyphs, directions, RecognizedText.atMost(recognized, textSize));
      imagesRecognized++;
      added = true;
    }
    return added;
  }

  /**
   * Recognizes the page whole, whatever its text layer holds: for a page whose text layer is
   * garbled. Text-layer glyphs that a recognized word covers are dropped, as for a scan.
   *
   * @return whether anything was recognized; false when no recognizer can be opened here
   */
  public boolean recognizeWhole(
      int pageIndex,
      List<Glyph> glyphs,
      List<Integer> directions,
      float pageWidth,
      float pageHeight)
      throws IOException {
    return recognizePage(pageIndex, glyphs, directions, pageWidth, pageHeight);
  }

  private static boolean isBanner(ImageArea image, float pageWidth, float pageHeight) {
    return image.width() >= BANNER_ASPECT * image.height()
        && image.area() >= MIN_BANNER_SHARE * pageWidth * pageHeight;
  }

  /** Whether a banner's words are few but sure: a line or two, recognized with confidence. */
  private static boolean readsAsBanner(List<RecognizedWord> words) {
    if (words.size() < MIN_BANNER_WORDS) {
      return false;
    }
    double confidence = 0;
    Set<Integer> lines = new HashSet<>();
    for (RecognizedWord word : words) {
      confidence += word.confidence();
      lines.add(word.line());
    }
    return confidence / words.size() >= MIN_BANNER_CONFIDENCE && lines.size() <= MAX_BANNER_LINES;
  }

  private boolean recognizePage(
      int pageIndex,
      List<Glyph> glyphs,
      List<Integer> directions,
      float pageWidth,
      float pageHeight)
      throws IOException {
    TextRecognizer recognizer = recognizers.get();
    if (recognizer == null) {
      return false;
    }
    int resolution = resolution(pageWidth, pageHeight);
    BufferedImage page = render(pageIndex, resolution);
    // Not inverted as a whole even on a dark background: pages mix dark and light panels, and the
    // recognizer turns light lines around itself.
    List<RecognizedWord> words = RecognizedText.confident(recognizer.recognize(page, resolution));
    if (words.isEmpty()) {
      return false;
    }
    float scale = 72f / resolution;
    // Text-layer glyphs the recognizer also read would appear twice.
    for (int i = glyphs.size() - 1; i >= 0; i--) {
      if (covered(glyphs.get(i), words, scale)) {
        glyphs.remove(i);
        directions.remove(i);
      }
    }
    add(glyphs, directions, RecognizedText.toGlyphs(words, 0, 0, scale, scale, glyphs.size()));
    pagesRecognized++;
    return true;
  }

  private static void add(List<Glyph> glyphs, List<Integer> directions, List<Glyph> recognized) {
    glyphs.addAll(recognized);
    for (int i = 0; i < recognized.size(); i++) {
      directions.add(0);
    }
  }

  /** The render resolution: the configured one, lowered for very large pages. */
  private int resolution(float pageWidth, float pageHeight) {
    double inches = (pageWidth / 72.0) * (pageHeight / 72.0);
    double pixels = inches * dpi * dpi;
    if (pixels <= MAX_PIXELS) {
      return dpi;
    }
    return Math.max(36, (int) Math.floor(Math.sqrt(MAX_PIXELS / inches)));
  }

  private BufferedImage render(int pageIndex, int resolution) throws IOException {
    if (renderer == null) {
      renderer = new BudgetedRenderer(document, budget);
    }
    budget.startPage(pageIndex);
    return renderer.renderImageWithDPI(pageIndex, resolution, ImageType.GRAY);
  }

  private static int clamp(int value, int max) {
    return Math.max(0, Math.min(max, value));
  }

  private static int visibleChars(List<Glyph> glyphs) {
    int count = 0;
    for (Glyph glyph : glyphs) {
      if (!glyph.isSpace()) {
        count++;
      }
    }
    return count;
  }

  private static int charsOver(List<Glyph> glyphs, ImageArea image) {
    int count = 0;
    for (Glyph glyph : glyphs) {
      if (!glyph.isSpace() && image.contains(glyph.centerX(), glyph.centerY())) {
        count++;
      }
    }
    return count;
  }

  private static boolean overlapsAny(ImageArea image, List<ImageArea> others) {
    for (ImageArea other : others) {
      if (image.x0() < other.x1()
          && other.x0() < image.x1()
          && image.top() < other.bottom()
          && other.top() < image.bottom()) {
        return true;
      }
    }
    return false;
  }

  private static boolean covered(Glyph glyph, List<RecognizedWord> words, float scale) {
    float x = glyph.centerX() / scale;
    float y = glyph.centerY() / scale;
    for (RecognizedWord word : words) {
      if (x >= word.left() && x <= word.right() && y >= word.top() && y <= word.bottom()) {
        return true;
      }
    }
    return false;
  }
}
