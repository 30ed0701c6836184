package org.convertalot.backend.pdfbox;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.color.PDCalGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDCalRGB;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.color.PDICCBased;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
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
 *       enough confident words, so that photos and charts add no noise.
 * </ul>
 *
 * <p>Recognized words become {@link Glyph}s (letters spread evenly over the word's box, sizes from
 * the line height), so the page's layout analysis treats them like any other text. One instance
 * serves one document on one thread.
 */
final class PageRecognition {

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

  /** A recognized line is kept when its words' mean confidence reaches this (0 to 100). */
  static final float MIN_LINE_CONFIDENCE = 70;

  /** Within a kept line, a word is kept when its own confidence reaches this. */
  static final float MIN_WORD_CONFIDENCE = 40;

  /** An image's words are kept only when at least this many pass the confidence checks... */
  static final int MIN_IMAGE_WORDS = 12;

  /** ...and at least this share of their characters are letters or digits. */
  static final float MIN_ALPHANUMERIC_SHARE = 0.7f;

  /** Line sizes within this ratio of the page's most common recognized size are that size. */
  static final float SIZE_SNAP = 0.1f;

  /**
   * An image is read only when at least this share of its pixels is background (within {@link
   * Paper#TOLERANCE} grey levels of its most common level): text is drawn on paper, while photos
   * and textures spread over many tones. Measured on the benchmark's images: every image whose text
   * counted had 39% or more, half of the photos had less.
   */
  static final float MIN_BACKGROUND_SHARE = 0.35f;

  /** Images smaller than this on a side (pixels) hold no readable text. */
  static final int MIN_SIDE = 8;

  /** Renders larger than this many pixels are drawn at a lower resolution. */
  static final long MAX_PIXELS = 40_000_000L;

  /** Recognizes with the given recognizer; null when it cannot be opened. */
  interface RecognizerSource {
    TextRecognizer get();
  }

  private final PDDocument document;
  private final RecognizerSource recognizers;
  private final int dpi;
  private PDFRenderer renderer;
  private int pagesRecognized;
  private int imagesRecognized;

  PageRecognition(PDDocument document, RecognizerSource recognizers, int dpi) {
    this.document = document;
    this.recognizers = recognizers;
    this.dpi = dpi;
  }

  /** Pages recognized whole so far. */
  int pagesRecognized() {
    return pagesRecognized;
  }

  /** Images recognized (and kept) so far. */
  int imagesRecognized() {
    return imagesRecognized;
  }

  /**
   * Adds the text the page shows but its text layer lacks to {@code glyphs}, and removes text-layer
   * glyphs that recognized words replace.
   *
   * @param pageIndex the page's index in the document, from 0
   * @param glyphs the page's text-layer glyphs in display space; changed in place
   * @param directions the text direction of each glyph, in degrees; kept parallel to {@code glyphs}
   *     (recognized glyphs are upright)
   * @param drawing what the page draws besides text
   * @param pageWidth the page's width in display space
   * @param pageHeight the page's height in display space
   * @return whether anything was added
   */
  boolean recognize(
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
    for (ImageArea image : drawing.images()) {
      if (image.area() >= MIN_IMAGE_SHARE * pageWidth * pageHeight
          && charsOver(glyphs, image) <= MAX_CHARS_OVER_IMAGE
          && !overlapsAny(image, candidates)) {
        candidates.add(image);
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
    float textSize = commonSize(glyphs);
    BufferedImage page = null;
    boolean added = false;
    for (ImageArea image : candidates) {
      // The image's own pixels where they show what the page shows; the rendered page otherwise.
      BufferedImage pixels = ownPixels(image);
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
        if (x1 - x0 < MIN_SIDE || y1 - y0 < MIN_SIDE) {
          continue;
        }
        pixels = page.getSubimage(x0, y0, x1 - x0, y1 - y0);
        scaleX = image.width() / pixels.getWidth();
        scaleY = image.height() / pixels.getHeight();
      }
      int pixelsPerInch = Math.round(72f / scaleY);
      Paper paper = Paper.of(pixels);
      if (paper.share() < MIN_BACKGROUND_SHARE) {
        continue;
      }
      List<RecognizedWord> words =
          confident(recognizer.recognize(paper.darkTextOnLight(pixels), pixelsPerInch));
      if (words.size() < MIN_IMAGE_WORDS || alphanumericShare(words) < MIN_ALPHANUMERIC_SHARE) {
        continue;
      }
      List<Glyph> recognized =
          toGlyphs(words, image.x0(), image.top(), scaleX, scaleY, glyphs.size());
      add(glyphs, directions, atMost(recognized, textSize));
      imagesRecognized++;
      added = true;
    }
    return added;
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
    List<RecognizedWord> words = confident(recognizer.recognize(page, resolution));
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
    add(glyphs, directions, toGlyphs(words, 0, 0, scale, scale, glyphs.size()));
    pagesRecognized++;
    return true;
  }

  private static void add(List<Glyph> glyphs, List<Integer> directions, List<Glyph> recognized) {
    glyphs.addAll(recognized);
    for (int i = 0; i < recognized.size(); i++) {
      directions.add(0);
    }
  }

  /**
   * The background of a grey image: its most common level, and the share of pixels near it.
   *
   * @param level the most common grey level, 0 (black) to 255 (white)
   * @param share the share of pixels within {@link #TOLERANCE} levels of it
   */
  record Paper(int level, float share) {

    static final int TOLERANCE = 16;

    static Paper of(BufferedImage image) {
      Raster raster = image.getRaster();
      int width = image.getWidth();
      int height = image.getHeight();
      long[] histogram = new long[256];
      int[] row = new int[width];
      for (int y = 0; y < height; y++) {
        raster.getSamples(0, y, width, 1, 0, row);
        for (int value : row) {
          histogram[value & 0xFF]++;
        }
      }
      int level = 0;
      for (int i = 1; i < 256; i++) {
        if (histogram[i] > histogram[level]) {
          level = i;
        }
      }
      long near = 0;
      for (int i = Math.max(0, level - TOLERANCE); i <= Math.min(255, level + TOLERANCE); i++) {
        near += histogram[i];
      }
      long all = (long) width * height;
      return new Paper(level, all == 0 ? 0 : (float) near / all);
    }

    /**
     * The image as dark text on a light background, as recognizers read best: inverted when its
     * background is dark (light text on a dark panel).
     */
    BufferedImage darkTextOnLight(BufferedImage grey) {
      if (level >= 128) {
        return grey;
      }
      BufferedImage inverted =
          new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
      Raster from = grey.getRaster();
      WritableRaster to = inverted.getRaster();
      int[] row = new int[grey.getWidth()];
      for (int y = 0; y < grey.getHeight(); y++) {
        from.getSamples(0, y, row.length, 1, 0, row);
        for (int x = 0; x < row.length; x++) {
          row[x] = 255 - (row[x] & 0xFF);
        }
        to.setSamples(0, y, row.length, 1, 0, row);
      }
      return inverted;
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
      renderer = new PDFRenderer(document);
    }
    return renderer.renderImageWithDPI(pageIndex, resolution, ImageType.GRAY);
  }

  /**
   * The image's own pixels, in grey, scaled down to the recognition resolution when finer; null
   * when the image is not drawn plainly (rotated, clipped by the page) or cannot be decoded here.
   */
  private BufferedImage ownPixels(ImageArea area) {
    PDImageXObject image = area.image();
    if (image == null) {
      return null;
    }
    double finest = dpi * area.width() / 72.0;
    // Decoding every second or third pixel only is far cheaper than decoding all and scaling down.
    int subsampling = Math.max(1, (int) Math.floor(image.getWidth() / Math.max(1.0, finest)));
    if (subsampling == 1) {
      // Every sample is decoded anyway: skip the colour management too.
      BufferedImage raw = rawGrey(image, finest);
      if (raw != null) {
        return raw;
      }
    }
    BufferedImage decoded;
    try {
      decoded = image.getImage(null, subsampling);
    } catch (IOException | RuntimeException e) {
      // An unsupported filter (JBIG2 without its plug-in, say); rendering may still show it.
      return null;
    }
    if (decoded == null || decoded.getWidth() < MIN_SIDE || decoded.getHeight() < MIN_SIDE) {
      return null;
    }
    double scale = Math.min(1.0, finest / decoded.getWidth());
    int width = Math.max(MIN_SIDE, (int) Math.round(decoded.getWidth() * scale));
    int height = Math.max(MIN_SIDE, (int) Math.round(decoded.getHeight() * scale));
    BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = grey.createGraphics();
    try {
      // Transparent pixels of the source show the white page.
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(decoded, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return grey;
  }

  /**
   * Plain 8-bit grey or RGB images without masks, straight from their samples: each target pixel
   * the mean luminance of the samples it covers. Skips the colour management that {@link
   * PDImageXObject#getImage} applies, which recognition does not need and which cost more than the
   * decoding. Null when the image is of another kind.
   */
  static BufferedImage rawGrey(PDImageXObject image, double finestWidth) {
    try {
      PDColorSpace space = image.getColorSpace();
      int components = space.getNumberOfComponents();
      boolean plain =
          space instanceof PDDeviceGray
              || space instanceof PDDeviceRGB
              || space instanceof PDCalGray
              || space instanceof PDCalRGB
              || space instanceof PDICCBased;
      if (!plain
          || (components != 1 && components != 3)
          || image.getBitsPerComponent() != 8
          || image.isStencil()
          || image.getDecode() != null
          || image.getSoftMask() != null
          || image.getMask() != null) {
        return null;
      }
      WritableRaster samples = image.getRawRaster();
      if (samples.getNumBands() != components
          || samples.getWidth() < MIN_SIDE
          || samples.getHeight() < MIN_SIDE
          || !(samples.getSampleModel() instanceof ComponentSampleModel model)
          || !(samples.getDataBuffer() instanceof DataBufferByte buffer)
          || buffer.getNumBanks() != 1) {
        return null;
      }
      byte[] data = buffer.getData();
      int pixelStride = model.getPixelStride();
      int scanlineStride = model.getScanlineStride();
      int[] bandOffsets = model.getBandOffsets();
      int base =
          buffer.getOffset()
              - samples.getSampleModelTranslateX() * pixelStride
              - samples.getSampleModelTranslateY() * scanlineStride;
      int sourceWidth = samples.getWidth();
      int sourceHeight = samples.getHeight();
      double scale = Math.min(1.0, finestWidth / sourceWidth);
      int width = Math.max(MIN_SIDE, (int) Math.round(sourceWidth * scale));
      int height = Math.max(MIN_SIDE, (int) Math.round(sourceHeight * scale));
      // Each target pixel is the mean of up to 3 x 3 samples spread over its footprint: enough to
      // keep thin strokes, without reading every sample of a large image.
      int[] columns = spread(sourceWidth, width);
      int[] rows = spread(sourceHeight, height);
      int across = columns.length / width;
      int down = rows.length / height;
      BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
      byte[] out = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
      for (int ty = 0; ty < height; ty++) {
        for (int tx = 0; tx < width; tx++) {
          int sum = 0;
          for (int j = 0; j < down; j++) {
            int line = base + rows[ty * down + j] * scanlineStride;
            for (int i = 0; i < across; i++) {
              int at = line + columns[tx * across + i] * pixelStride;
              if (components == 1) {
                sum += data[at + bandOffsets[0]] & 0xFF;
              } else {
                // ITU-R BT.601 weights, in integers.
                sum +=
                    (299 * (data[at + bandOffsets[0]] & 0xFF)
                            + 587 * (data[at + bandOffsets[1]] & 0xFF)
                            + 114 * (data[at + bandOffsets[2]] & 0xFF))
                        / 1000;
              }
            }
          }
          out[ty * width + tx] = (byte) (sum / (across * down));
        }
      }
      return grey;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * For each of {@code to} target pixels along an axis, the same number (1 to 3) of source
   * positions spread evenly over its footprint among {@code from} source pixels.
   */
  static int[] spread(int from, int to) {
    int per = Math.max(1, Math.min(3, from / to));
    int[] positions = new int[to * per];
    for (int t = 0; t < to; t++) {
      for (int k = 0; k < per; k++) {
        double at = ((double) t + (k + 0.5) / per) * from / to;
        positions[t * per + k] = Math.min(from - 1, (int) at);
      }
    }
    return positions;
  }

  private static int clamp(int value, int max) {
    return Math.max(0, Math.min(max, value));
  }

  /**
   * The words of lines the recognizer is sure of: noise from pictures and icons comes as short
   * lines of low confidence.
   */
  static List<RecognizedWord> confident(List<RecognizedWord> words) {
    Map<Integer, List<RecognizedWord>> lines = new TreeMap<>();
    for (RecognizedWord word : words) {
      lines.computeIfAbsent(word.line(), k -> new ArrayList<>()).add(word);
    }
    List<RecognizedWord> kept = new ArrayList<>();
    for (List<RecognizedWord> line : lines.values()) {
      double sum = 0;
      for (RecognizedWord word : line) {
        sum += word.confidence();
      }
      if (sum / line.size() < MIN_LINE_CONFIDENCE) {
        continue;
      }
      for (RecognizedWord word : line) {
        if (word.confidence() >= MIN_WORD_CONFIDENCE) {
          kept.add(word);
        }
      }
    }
    return kept;
  }

  static float alphanumericShare(List<RecognizedWord> words) {
    long all = 0;
    long alphanumeric = 0;
    for (RecognizedWord word : words) {
      all += word.text().codePointCount(0, word.text().length());
      alphanumeric += word.text().codePoints().filter(Character::isLetterOrDigit).count();
    }
    return all == 0 ? 0 : (float) alphanumeric / all;
  }

  /**
   * The words as glyphs in display space: each word's letters spread evenly over its box, on the
   * line's baseline, at a size from the line's height.
   *
   * @param words recognized words, in pixels of an image
   * @param originX where the image's left edge lies on the page, in points
   * @param originY where the image's top edge lies on the page, in points
   * @param scaleX points per pixel across
   * @param scaleY points per pixel down
   * @param firstSequence the content order to number the glyphs from
   */
  static List<Glyph> toGlyphs(
      List<RecognizedWord> words,
      float originX,
      float originY,
      float scaleX,
      float scaleY,
      int firstSequence) {
    Map<Integer, Float> sizes = lineSizes(words, scaleY);
    List<Glyph> glyphs = new ArrayList<>();
    int sequence = firstSequence;
    int previousLine = Integer.MIN_VALUE;
    for (RecognizedWord word : words) {
      float size = sizes.get(word.line());
      float baseline = originY + word.baseline() * scaleY;
      float left = originX + word.left() * scaleX;
      float width = (word.right() - word.left()) * scaleX;
      int[] codePoints = LayoutCollector.normalize(word.text()).codePoints().toArray();
      if (codePoints.length == 0) {
        continue;
      }
      float advance = width / codePoints.length;
      boolean newLine = word.line() != previousLine;
      for (int i = 0; i < codePoints.length; i++) {
        glyphs.add(
            new Glyph(
                new String(codePoints, i, 1),
                left + i * advance,
                advance,
                baseline,
                size,
                false,
                false,
                sequence++,
                i == 0 && !newLine,
                null));
      }
      previousLine = word.line();
    }
    return glyphs;
  }

  /**
   * Each line's size in points, from its height. Recognized heights vary a little from line to
   * line; sizes close to the page's most common one are snapped to it, so that body text keeps one
   * size and headings still stand out.
   */
  static Map<Integer, Float> lineSizes(List<RecognizedWord> words, float scale) {
    Map<Integer, Float> raw = new TreeMap<>();
    Map<Integer, Integer> letters = new TreeMap<>();
    for (RecognizedWord word : words) {
      float size = word.lineHeight() * scale / (Glyph.ASCENT + Glyph.DESCENT);
      raw.putIfAbsent(word.line(), Math.round(size * 2) / 2f);
      letters.merge(word.line(), word.text().length(), Integer::sum);
    }
    Map<Float, Integer> lettersBySize = new TreeMap<>();
    raw.forEach((line, size) -> lettersBySize.merge(size, letters.get(line), Integer::sum));
    float common =
        lettersBySize.entrySet().stream()
            .max(
                Map.Entry.<Float, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
            .map(Map.Entry::getKey)
            .orElse(0f);
    Map<Integer, Float> sizes = new TreeMap<>();
    raw.forEach(
        (line, size) ->
            sizes.put(line, Math.abs(size - common) <= SIZE_SNAP * common ? common : size));
    return sizes;
  }

  /**
   * The glyphs, none larger than {@code size}. Text inside a picture (chart labels, a screenshot's
   * title) is part of the figure, not the document's structure, so it never reads as a heading.
   */
  static List<Glyph> atMost(List<Glyph> glyphs, float size) {
    List<Glyph> out = new ArrayList<>(glyphs.size());
    for (Glyph g : glyphs) {
      out.add(
          g.size() <= size
              ? g
              : new Glyph(
                  g.text(),
                  g.x(),
                  g.width(),
                  g.baseline(),
                  size,
                  g.bold(),
                  g.italic(),
                  g.sequence(),
                  g.spaceBefore(),
                  g.link()));
    }
    return out;
  }

  /** The size most of the glyphs are set at; on a tie the smaller. */
  static float commonSize(List<Glyph> glyphs) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (Glyph glyph : glyphs) {
      if (!glyph.isSpace()) {
        counts.merge(FontStatistics.sizeKey(glyph.size()), 1, Integer::sum);
      }
    }
    int best = 0;
    int bestCount = 0;
    for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
      if (entry.getValue() > bestCount) {
        best = entry.getKey();
        bestCount = entry.getValue();
      }
    }
    return best / 10f;
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
