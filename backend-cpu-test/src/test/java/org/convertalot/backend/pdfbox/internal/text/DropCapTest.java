package org.convertalot.backend.pdfbox.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.StandaloneContext;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A drop cap, a large initial letter beside the first lines of a paragraph, starts its text. */
class DropCapTest {

  @TempDir Path dir;

  private static final String[] LINES = {
    "ver the past decades the ocean has absorbed",
    "much of the heat and the carbon that human",
    "activity adds, and this has put it under great",
    "pressure, which is now measured in every basin of the world."
  };

  private String convert(TestPdf.Builder builder, String name) {
    Path file = builder.write(dir.resolve(name));
    return PdfBoxBackend.create()
        .convert(EngineFixtures.input(file), StandaloneContext.in(dir))
        .markdown();
  }

  /** A paragraph whose first {@code spanned} lines sit right of an initial of the given size. */
  private static TestPdf.Builder paragraph(String initial, float capSize, int spanned) {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    float capWidth = Font.TIMES_ROMAN.width(initial, capSize);
    builder.text(Font.TIMES_ROMAN, capSize, 72, 100 + 12 * (spanned - 1), initial);
    for (int i = 0; i < LINES.length; i++) {
      float x = i < spanned ? 72 + capWidth + 2 : 72;
      builder.text(Font.TIMES_ROMAN, 10, x, 100 + 12 * i, LINES[i]);
    }
    return builder;
  }

  @Test
  void aDropCapOverThreeLinesStartsTheFirstWord() {
    String markdown = convert(paragraph("O", 40, 3), "dropcap.pdf");

    assertEquals("O" + String.join(" ", LINES) + "\n", markdown);
  }

  @Test
  void aDropCapOverTwoLinesStartsTheFirstWord() {
    String markdown = convert(paragraph("O", 28, 2), "dropcap2.pdf");

    assertEquals("O" + String.join(" ", LINES) + "\n", markdown);
  }

  @Test
  void aLargeHeadingStartingWithAOneLetterWordStaysAHeading() {
    // "A" is large and stands alone, but large glyphs sit beside it: it is a word of the heading.
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.TIMES_BOLD, 24, 72, 80, "A New Method");
    for (int i = 0; i < LINES.length; i++) {
      builder.text(Font.TIMES_ROMAN, 10, 72, 110 + 12 * i, LINES[i]);
    }

    assertEquals(
        "# A New Method\n\n" + String.join(" ", LINES) + "\n", convert(builder, "heading.pdf"));
  }

  @Test
  void aLargeLetterBesideOneLineIsNotADropCap() {
    // A drop cap spans lines; a large letter beside a single line (a raised initial, a label)
    // stays where its baseline puts it. (Leading 14: rows within 0.45 of the initial's size would
    // join its row.)
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.TIMES_ROMAN, 30, 72, 100, "Q");
    builder.text(Font.TIMES_ROMAN, 10, 72 + Font.TIMES_ROMAN.width("Q", 30) + 2, 100, LINES[0]);
    for (int i = 1; i < LINES.length; i++) {
      builder.text(Font.TIMES_ROMAN, 10, 72, 100 + 14 * i, LINES[i]);
    }

    assertEquals("Q " + String.join(" ", LINES) + "\n", convert(builder, "raised.pdf"));
  }
}
