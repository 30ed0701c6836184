package org.convertalot.ocr.tesseract;

import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Limits;
import org.convertalot.api.SourceRef;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;

/**
 * Writes the test PDFs with the test kit's {@link TestPdf}: text laid out, then turned into what
 * OCR is for (a scan: the page rendered with PDFBox and pasted back as one image; outlines: every
 * letter drawn as a filled path, its outline read from a TrueType font with fontbox).
 */
final class Pages {

  static final Font HELVETICA = Font.HELVETICA;
  static final Font HELVETICA_BOLD = Font.HELVETICA_BOLD;

  /** A line of text to lay out: font, size, left x and baseline y from the top, in points. */
  record Line(Font font, float size, float x, float top, String text) {}

  private Pages() {}

  /** A Letter page with the lines as ordinary text. */
  static Path text(Path file, Line... lines) {
    return write(TestPdf.builder().page(), lines).write(file);
  }

  private static TestPdf.Builder write(TestPdf.Builder page, Line... lines) {
    for (Line line : lines) {
      page.text(line.font(), line.size(), line.x(), line.top(), line.text());
    }
    return page;
  }

  /** The first page of a PDF rendered in grey at {@code dpi}. */
  static BufferedImage render(Path pdf, int dpi) {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.GRAY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A scan: a Letter page whose only content is {@code image}, covering the whole page. */
  static Path scan(Path file, BufferedImage image) {
    return withImage(file, image, 0, 0, 612, 792);
  }

  /**
   * A Letter page with an image at the given place (points, from the top left) and optional text
   * lines around it.
   */
  static Path withImage(
      Path file,
      BufferedImage image,
      float x,
      float top,
      float width,
      float height,
      Line... lines) {
    TestPdf.Builder page =
        TestPdf.builder()
            .page()
            .image(x, top, width, height, image.getWidth(), image.getHeight(), grey(image));
    return write(page, lines).write(file);
  }

  /** An image's pixels as 8-bit grey samples: a grey image's own, or the luma of a colour one. */
  private static byte[] grey(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    byte[] grey = new byte[width * height];
    Raster raster = image.getRaster();
    if (raster.getNumBands() == 1 && raster.getTransferType() == DataBuffer.TYPE_BYTE) {
      int[] samples = raster.getSamples(0, 0, width, height, 0, (int[]) null);
      for (int i = 0; i < samples.length; i++) {
        grey[i] = (byte) samples[i];
      }
      return grey;
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = image.getRGB(x, y);
        int luma = (299 * (rgb >> 16 & 0xff) + 587 * (rgb >> 8 & 0xff) + 114 * (rgb & 0xff)) / 1000;
        grey[y * width + x] = (byte) luma;
      }
    }
    return grey;
  }

  /**
   * A Letter page with every letter of the lines drawn as a filled outline, from the Liberation
   * Sans that PDFBox ships: no text layer at all. The lines' fonts only give their sizes.
   */
  static Path outlines(Path file, Line... lines) {
    TestPdf.Builder page = TestPdf.builder().page();
    try (InputStream in =
            PDDocument.class.getResourceAsStream(
                "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf");
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in))) {
      CmapLookup cmap = font.getUnicodeCmapLookup();
      float unitsPerEm = font.getUnitsPerEm();
      for (Line line : lines) {
        float x = line.x();
        float scale = line.size() / unitsPerEm;
        for (int i = 0; i < line.text().length(); i++) {
          int gid = cmap.getGlyphId(line.text().charAt(i));
          GlyphData glyph = font.getGlyph().getGlyph(gid);
          if (glyph != null) {
            // Font units grow upward from the baseline; the kit's y grows downward from the top.
            AffineTransform at = new AffineTransform(scale, 0, 0, -scale, x, line.top());
            fill(page, glyph.getPath().getPathIterator(at));
          }
          x += font.getAdvanceWidth(gid) * scale;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return page.write(file);
  }

  private static void fill(TestPdf.Builder page, PathIterator it) {
    float[] c = new float[6];
    float lastX = 0;
    float lastY = 0;
    boolean any = false;
    while (!it.isDone()) {
      switch (it.currentSegment(c)) {
        case PathIterator.SEG_MOVETO -> {
          page.moveTo(c[0], c[1]);
          lastX = c[0];
          lastY = c[1];
          any = true;
        }
        case PathIterator.SEG_LINETO -> {
          page.lineTo(c[0], c[1]);
          lastX = c[0];
          lastY = c[1];
        }
        case PathIterator.SEG_QUADTO -> {
          // A quadratic curve as the cubic with the same shape.
          float c1x = lastX + 2f / 3f * (c[0] - lastX);
          float c1y = lastY + 2f / 3f * (c[1] - lastY);
          float c2x = c[2] + 2f / 3f * (c[0] - c[2]);
          float c2y = c[3] + 2f / 3f * (c[1] - c[3]);
          page.curveTo(c1x, c1y, c2x, c2y, c[2], c[3]);
          lastX = c[2];
          lastY = c[3];
        }
        case PathIterator.SEG_CUBICTO -> {
          page.curveTo(c[0], c[1], c[2], c[3], c[4], c[5]);
          lastX = c[4];
          lastY = c[5];
        }
        case PathIterator.SEG_CLOSE -> page.closePath();
        default -> throw new IllegalStateException("unknown path segment");
      }
      it.next();
    }
    if (any) {
      page.fill();
    }
  }

  /** The engine input for a file, with the given engine options. */
  static BackendInput input(Path file, Map<String, String> options) {
    try {
      SourceRef source =
          new SourceRef(
              file.toString(), file.getFileName().toString(), "0".repeat(64), Files.size(file));
      return new BackendInput(file, source, options, Limits.DEFAULTS, Acceleration.CPU);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
