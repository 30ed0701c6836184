package org.convertalot.backend.pdfbox.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Limits;
import org.convertalot.api.SourceRef;
import org.convertalot.api.backend.BackendInput;

/** Writes real PDFs with PDFBox for the tests: text lines placed at given positions. */
public final class TestPdfs {

  public static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  public static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  public static final PDType1Font ITALIC =
      new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);

  /** One line of text: font, size and the baseline position from the top-left corner. */
  public record Line(PDType1Font font, float size, float x, float yFromTop, String text) {}

  /**
   * Something drawn on a page, in order: a text line (with optional word spacing), a stroked
   * straight line, or a filled rectangle. Coordinates are from the top-left corner.
   */
  private record Mark(Line line, float wordSpacing, float[] stroke, float[] fill) {}

  /** A link annotation opening {@code uri}; the rectangle is from the top-left corner. */
  private record Link(float x, float yFromTop, float width, float height, String uri) {}

  /** Builds a document page by page. */
  public static final class Builder {
    private final List<List<Mark>> pages = new ArrayList<>();
    private final List<List<Link>> links = new ArrayList<>();

    /** Starts a new page. */
    public Builder page() {
      pages.add(new ArrayList<>());
      links.add(new ArrayList<>());
      return this;
    }

    /** Adds a link annotation with a URI action to the current page. */
    public Builder link(float x, float yFromTop, float width, float height, String uri) {
      links.get(links.size() - 1).add(new Link(x, yFromTop, width, height, uri));
      return this;
    }

    /**
     * Adds a line in several fonts: {@code parts} alternates font and text, the pieces placed one
     * after the other.
     */
    public Builder mixed(float size, float x, float yFromTop, Object... parts) {
      float at = x;
      for (int i = 0; i + 1 < parts.length; i += 2) {
        PDType1Font font = (PDType1Font) parts[i];
        String text = (String) parts[i + 1];
        line(font, size, at, yFromTop, text);
        try {
          at += font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return this;
    }

    /** Adds a line to the current page. */
    public Builder line(PDType1Font font, float size, float x, float yFromTop, String text) {
      return justified(font, size, x, yFromTop, text, 0);
    }

    /** Adds a line whose word spaces are widened by {@code wordSpacing} points (as justified). */
    public Builder justified(
        PDType1Font font, float size, float x, float yFromTop, String text, float wordSpacing) {
      pages
          .get(pages.size() - 1)
          .add(new Mark(new Line(font, size, x, yFromTop, text), wordSpacing, null, null));
      return this;
    }

    /** Adds a stroked straight line, 0.5 pt wide. */
    public Builder rule(float x0, float y0FromTop, float x1, float y1FromTop) {
      pages
          .get(pages.size() - 1)
          .add(new Mark(null, 0, new float[] {x0, y0FromTop, x1, y1FromTop}, null));
      return this;
    }

    /** Adds a filled light grey rectangle. */
    public Builder fill(float x, float yFromTop, float width, float height) {
      pages
          .get(pages.size() - 1)
          .add(new Mark(null, 0, null, new float[] {x, yFromTop, width, height}));
      return this;
    }

    /** Adds a grid of rules: the given column and row boundaries, every line drawn. */
    public Builder grid(float[] xs, float[] ysFromTop) {
      for (float y : ysFromTop) {
        rule(xs[0], y, xs[xs.length - 1], y);
      }
      for (float x : xs) {
        rule(x, ysFromTop[0], x, ysFromTop[ysFromTop.length - 1]);
      }
      return this;
    }

    /** Saves the document. */
    public Path save(Path file) {
      return save(file, null);
    }

    /** Saves the document, encrypted with the given policy when not null. */
    public Path save(Path file, StandardProtectionPolicy protection) {
      return save(file, protection, CompressParameters.DEFAULT_COMPRESSION);
    }

    /** Saves the document with the given object-stream compression. */
    public Path save(
        Path file, StandardProtectionPolicy protection, CompressParameters compression) {
      try (PDDocument document = new PDDocument()) {
        for (int p = 0; p < pages.size(); p++) {
          List<Mark> marks = pages.get(p);
          PDPage page = new PDPage(PDRectangle.A4);
          document.addPage(page);
          float height = page.getMediaBox().getHeight();
          for (Link link : links.get(p)) {
            PDAnnotationLink annotation = new PDAnnotationLink();
            annotation.setRectangle(
                new PDRectangle(
                    link.x(),
                    height - link.yFromTop() - link.height(),
                    link.width(),
                    link.height()));
            PDActionURI action = new PDActionURI();
            action.setURI(link.uri());
            annotation.setAction(action);
            page.getAnnotations().add(annotation);
          }
          try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            for (Mark mark : marks) {
              draw(content, mark, height);
            }
          }
        }
        if (protection != null) {
          document.protect(protection);
        }
        document.save(file.toFile(), compression);
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void draw(PDPageContentStream content, Mark mark, float height)
      throws IOException {
    if (mark.line() != null) {
      Line line = mark.line();
      content.beginText();
      content.setFont(line.font(), line.size());
      content.setWordSpacing(mark.wordSpacing());
      content.newLineAtOffset(line.x(), height - line.yFromTop());
      content.showText(line.text());
      content.endText();
    } else if (mark.stroke() != null) {
      float[] s = mark.stroke();
      content.setLineWidth(0.5f);
      content.moveTo(s[0], height - s[1]);
      content.lineTo(s[2], height - s[3]);
      content.stroke();
    } else {
      float[] f = mark.fill();
      content.setNonStrokingColor(0.85f, 0.85f, 0.85f);
      content.addRect(f[0], height - f[1] - f[3], f[2], f[3]);
      content.fill();
      content.setNonStrokingColor(0f, 0f, 0f);
    }
  }

  private TestPdfs() {}

  public static Builder builder() {
    return new Builder();
  }

  /** A document of {@code pages} pages with one body line each ("Page n of N"). */
  public static Path pages(Path file, int pages) {
    return pages(file, pages, CompressParameters.DEFAULT_COMPRESSION);
  }

  /** A document of {@code pages} pages, saved with the given object-stream compression. */
  public static Path pages(Path file, int pages, CompressParameters compression) {
    Builder builder = builder();
    for (int i = 1; i <= pages; i++) {
      builder.page().line(REGULAR, 11, 72, 100, "Page " + i + " of " + pages);
    }
    return builder.save(file, null, compression);
  }

  /** A policy with the given user password (empty: anyone may open the file). */
  public static StandardProtectionPolicy protection(String userPassword) {
    AccessPermission permissions = new AccessPermission();
    permissions.setCanExtractContent(false);
    StandardProtectionPolicy policy =
        new StandardProtectionPolicy("owner-secret", userPassword, permissions);
    policy.setEncryptionKeyLength(128);
    return policy;
  }

  /** The engine input for a file, with the given limits. */
  public static BackendInput input(Path file, Limits limits) {
    return input(file, limits, Map.of());
  }

  /** The engine input for a file, with default limits and the given engine options. */
  public static BackendInput input(Path file, Map<String, String> options) {
    return input(file, Limits.DEFAULTS, options);
  }

  private static BackendInput input(Path file, Limits limits, Map<String, String> options) {
    long size;
    try {
      size = Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SourceRef source =
        new SourceRef(file.toString(), file.getFileName().toString(), "0".repeat(64), size);
    return new BackendInput(file, source, options, limits, Acceleration.CPU);
  }

  /** The engine input for a file, with default limits. */
  public static BackendInput input(Path file) {
    return input(file, Limits.DEFAULTS);
  }
}
