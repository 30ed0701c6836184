package org.convertalot.backend.pdfbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Limits;
import org.convertalot.api.SourceRef;
import org.convertalot.api.backend.BackendInput;

/** Writes real PDFs with PDFBox for the tests: text lines placed at given positions. */
final class TestPdfs {

  static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

  /** One line of text: font, size and the baseline position from the top-left corner. */
  record Line(PDType1Font font, float size, float x, float yFromTop, String text) {}

  /** Builds a document page by page. */
  static final class Builder {
    private final List<List<Line>> pages = new ArrayList<>();

    /** Starts a new page. */
    Builder page() {
      pages.add(new ArrayList<>());
      return this;
    }

    /** Adds a line to the current page. */
    Builder line(PDType1Font font, float size, float x, float yFromTop, String text) {
      pages.get(pages.size() - 1).add(new Line(font, size, x, yFromTop, text));
      return this;
    }

    /** Saves the document. */
    Path save(Path file) {
      return save(file, null);
    }

    /** Saves the document, encrypted with the given policy when not null. */
    Path save(Path file, StandardProtectionPolicy protection) {
      return save(file, protection, CompressParameters.DEFAULT_COMPRESSION);
    }

    /** Saves the document with the given object-stream compression. */
    Path save(Path file, StandardProtectionPolicy protection, CompressParameters compression) {
      try (PDDocument document = new PDDocument()) {
        for (List<Line> lines : pages) {
          PDPage page = new PDPage(PDRectangle.A4);
          document.addPage(page);
          float height = page.getMediaBox().getHeight();
          try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            for (Line line : lines) {
              content.beginText();
              content.setFont(line.font(), line.size());
              content.newLineAtOffset(line.x(), height - line.yFromTop());
              content.showText(line.text());
              content.endText();
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

  private TestPdfs() {}

  static Builder builder() {
    return new Builder();
  }

  /** A document of {@code pages} pages with one body line each ("Page n of N"). */
  static Path pages(Path file, int pages) {
    return pages(file, pages, CompressParameters.DEFAULT_COMPRESSION);
  }

  /** A document of {@code pages} pages, saved with the given object-stream compression. */
  static Path pages(Path file, int pages, CompressParameters compression) {
    Builder builder = builder();
    for (int i = 1; i <= pages; i++) {
      builder.page().line(REGULAR, 11, 72, 100, "Page " + i + " of " + pages);
    }
    return builder.save(file, null, compression);
  }

  /** A policy with the given user password (empty: anyone may open the file). */
  static StandardProtectionPolicy protection(String userPassword) {
    AccessPermission permissions = new AccessPermission();
    permissions.setCanExtractContent(false);
    StandardProtectionPolicy policy =
        new StandardProtectionPolicy("owner-secret", userPassword, permissions);
    policy.setEncryptionKeyLength(128);
    return policy;
  }

  /** The engine input for a file, with the given limits. */
  static BackendInput input(Path file, Limits limits) {
    long size;
    try {
      size = Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SourceRef source =
        new SourceRef(file.toString(), file.getFileName().toString(), "0".repeat(64), size);
    return new BackendInput(file, source, null, limits, Acceleration.CPU);
  }

  /** The engine input for a file, with default limits. */
  static BackendInput input(Path file) {
    return input(file, Limits.DEFAULTS);
  }
}
