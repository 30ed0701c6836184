package org.convertalot.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import picocli.CommandLine;

/**
 * The training run of the class-data archive that the build writes beside the jar ({@code
 * convertalot.jsa}, used by the {@code convertalot} launcher script): a conversion of a generated
 * page with a heading, paragraphs and a ruled table, as the README's command runs it, so that the
 * classes a conversion loads are archived and start-up does not parse and verify them again.
 *
 * <p>Run by the build as {@code java -XX:ArchiveClassesAtExit=convertalot.jsa -cp convertalot.jar
 * org.convertalot.cli.CdsTraining WORK}; not part of the command line.
 */
public final class CdsTraining {
  private CdsTraining() {}

  /**
   * Writes the training PDF into the given folder and converts it.
   *
   * @param args the work folder (created when absent)
   * @throws IOException when the PDF cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CdsTraining WORK_FOLDER");
    }
    Path work = Files.createDirectories(Path.of(args[0]));
    Path pdf = work.resolve("training.pdf");
    writeSamplePage(pdf);
    PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream(), true);
    CommandLine command = Main.commandLine().setOut(quiet).setErr(quiet);
    int code =
        command.execute(
            "convert",
            pdf.toString(),
            "--out",
            work.resolve("out").toString(),
            "--data-root",
            work.resolve("data").toString(),
            "--policy",
            "cpu_only");
    if (code != 0) {
      throw new IllegalStateException("the training conversion exited with " + code);
    }
  }

  /** Writes the one-page sample PDF (a title, a paragraph, a ruled table) to {@code pdf}. */
  static void writeSamplePage(Path pdf) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.LETTER);
      document.addPage(page);
      PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
      PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        text(content, bold, 18, 72, 720, "Quarterly report");
        for (int line = 0; line < 6; line++) {
          text(
              content,
              regular,
              10,
              72,
              690 - 14 * line,
              "Paragraph line " + (line + 1) + " of the training page, with words and numbers 42.");
        }
        float top = 580;
        for (int row = 0; row <= 3; row++) {
          content.moveTo(72, top - 20 * row);
          content.lineTo(372, top - 20 * row);
        }
        for (int col = 0; col <= 3; col++) {
          content.moveTo(72 + 100 * col, top);
          content.lineTo(72 + 100 * col, top - 60);
        }
        content.stroke();
        for (int row = 0; row < 3; row++) {
          for (int col = 0; col < 3; col++) {
            text(
                content,
                row == 0 ? bold : regular,
                10,
                78 + 100 * col,
                top - 14 - 20 * row,
                row == 0 ? "Column " + (col + 1) : String.valueOf(row * 10 + col));
          }
        }
      }
      document.save(pdf.toFile());
    }
  }

  private static void text(
      PDPageContentStream content, PDType1Font font, float size, float x, float y, String text)
      throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, y);
    content.showText(text);
    content.endText();
  }
}
