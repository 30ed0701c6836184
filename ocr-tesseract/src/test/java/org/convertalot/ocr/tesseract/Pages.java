package org.convertalot.ocr.tesseract;

import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.awt.image.BufferedImage;
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
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Limits;
import org.convertalot.api.SourceRef;
import org.convertalot.api.backend.BackendInput;

/**
 * Writes the test PDFs: text laid out with PDFBox, then turned into what OCR is for (a scan: the
 * page rendered and pasted back as one image; outlines: every letter drawn as a filled path).
 */
final class Pages {

  static final PDType1Font HELVETICA = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  static final PDType1Font HELVETICA_BOLD =
      new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

  /** A line of text to lay out: font, size, left x and baseline y from the top, in points. */
  record Line(PDType1Font font, float size, float x, float top, String text) {}

  private Pages() {}

  /** A Letter page with the lines as ordinary text. */
  static Path text(Path file, Line... lines) {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.LETTER);
      doc.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        write(content, page, lines);
      }
      doc.save(file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(PDPageContentStream content, PDPage page, Line... lines)
      throws IOException {
    float height = page.getMediaBox().getHeight();
    for (Line line : lines) {
      content.beginText();
      content.setFont(line.font(), line.size());
      content.newLineAtOffset(line.x(), height - line.top());
      content.showText(line.text());
      content.endText();
    }
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
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.LETTER);
      doc.addPage(page);
      PDImageXObject xobject = LosslessFactory.createFromImage(doc, image);
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.drawImage(xobject, x, page.getMediaBox().getHeight() - top - height, width, height);
        write(content, page, lines);
      }
      doc.save(file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A Letter page with every letter of the lines drawn as a filled outline, from the Liberation
   * Sans that PDFBox ships: no text layer at all. The lines' fonts only give their sizes.
   */
  static Path outlines(Path file, Line... lines) {
    try (PDDocument doc = new PDDocument();
        InputStream in =
            PDDocument.class.getResourceAsStream(
                "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
      TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in));
      CmapLookup cmap = font.getUnicodeCmapLookup();
      float unitsPerEm = font.getUnitsPerEm();
      PDPage page = new PDPage(PDRectangle.LETTER);
      doc.addPage(page);
      float height = page.getMediaBox().getHeight();
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        for (Line line : lines) {
          float x = line.x();
          float scale = line.size() / unitsPerEm;
          for (int i = 0; i < line.text().length(); i++) {
            int gid = cmap.getGlyphId(line.text().charAt(i));
            GlyphData glyph = font.getGlyph().getGlyph(gid);
            if (glyph != null) {
              AffineTransform at = new AffineTransform(scale, 0, 0, scale, x, height - line.top());
              fill(content, glyph.getPath().getPathIterator(at));
            }
            x += font.getAdvanceWidth(gid) * scale;
          }
        }
      }
      font.close();
      doc.save(file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void fill(PDPageContentStream content, PathIterator it) throws IOException {
    float[] c = new float[6];
    float lastX = 0;
    float lastY = 0;
    boolean any = false;
    while (!it.isDone()) {
      switch (it.currentSegment(c)) {
        case PathIterator.SEG_MOVETO -> {
          content.moveTo(c[0], c[1]);
          lastX = c[0];
          lastY = c[1];
          any = true;
        }
        case PathIterator.SEG_LINETO -> {
          content.lineTo(c[0], c[1]);
          lastX = c[0];
          lastY = c[1];
        }
        case PathIterator.SEG_QUADTO -> {
          // A quadratic curve as the cubic with the same shape.
          float c1x = lastX + 2f / 3f * (c[0] - lastX);
          float c1y = lastY + 2f / 3f * (c[1] - lastY);
          float c2x = c[2] + 2f / 3f * (c[0] - c[2]);
          float c2y = c[3] + 2f / 3f * (c[1] - c[3]);
          content.curveTo(c1x, c1y, c2x, c2y, c[2], c[3]);
          lastX = c[2];
          lastY = c[3];
        }
        case PathIterator.SEG_CUBICTO -> {
          content.curveTo(c[0], c[1], c[2], c[3], c[4], c[5]);
          lastX = c[4];
          lastY = c[5];
        }
        case PathIterator.SEG_CLOSE -> content.closePath();
        default -> throw new IllegalStateException("unknown path segment");
      }
      it.next();
    }
    if (any) {
      content.fill();
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
