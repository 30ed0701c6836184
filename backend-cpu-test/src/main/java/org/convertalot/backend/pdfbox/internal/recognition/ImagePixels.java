package org.convertalot.backend.pdfbox.internal.recognition;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.convertalot.backend.pdfbox.internal.extract.ImageArea;
import org.convertalot.backend.pdfbox.internal.extract.WorkBudget;

/**
 * The pixels recognition reads: an image's own samples in grey at the recognition resolution, and
 * whether they look like paper (a dominant background) at all.
 */
final class ImagePixels {

  private ImagePixels() {}

  /**
   * An image is read only when at least this share of its pixels is background (within {@link
   * Paper#TOLERANCE} grey levels of its most common level): text is drawn on paper, while photos
   * and textures spread over many tones. Measured on the benchmark's images: every image whose text
   * counted had 39% or more, half of the photos had less.
   */
  static final float MIN_BACKGROUND_SHARE = 0.35f;

  /** Images smaller than this on a side (pixels) hold no readable text. */
  static final int MIN_SIDE = 8;

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

  /**
   * The image's own pixels, in grey, scaled down to the recognition resolution when finer; null
   * when the image is not drawn plainly (rotated, clipped by the page) or cannot be decoded here.
   *
   * @throws org.convertalot.api.error.InvalidInputException {@code too_large} when the image has
   *     more pixels than the budget allows, before any of it is decoded (PDFBox decodes the whole
   *     stream even to subsample it)
   */
  static BufferedImage ownPixels(ImageArea area, int dpi, WorkBudget budget) throws IOException {
    PDImageXObject image = area.image();
    if (image == null) {
      return null;
    }
    budget.image(image);
    double finest = dpi * area.width() / 72.0;
    // Decoding every second or third pixel only is far cheaper than decoding all and scaling down.
    int subsampling = Math.max(1, (int) Math.floor(image.getWidth() / Math.max(1.0, finest)));
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
}
