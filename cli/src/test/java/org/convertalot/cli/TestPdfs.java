package org.convertalot.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Writes small real PDFs with PDFBox, and files that only pretend to be PDFs. */
final class TestPdfs {
  private TestPdfs() {}

  /** A PDF with one page per text, each text as one line near the top of its page. */
  static Path write(Path file, String... pageTexts) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (PDDocument document = new PDDocument()) {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        for (String text : pageTexts) {
          PDPage page = new PDPage(PDRectangle.A4);
          document.addPage(page);
          try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.beginText();
            content.setFont(font, 12);
            content.newLineAtOffset(72, page.getMediaBox().getHeight() - 72);
            content.showText(text);
            content.endText();
          }
        }
        document.save(file.toFile());
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Random bytes under a {@code .pdf} name: the engine must refuse it as {@code not_a_pdf}. */
  static Path randomBytes(Path file, long seed) {
    byte[] bytes = new byte[4096];
    new Random(seed).nextBytes(bytes);
    // Make sure the random bytes cannot start like a PDF by accident.
    bytes[0] = 'X';
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
