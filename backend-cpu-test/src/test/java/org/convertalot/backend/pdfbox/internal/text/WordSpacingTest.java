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

/** Word spaces of lines that draw no space glyph: the gaps alone tell the words apart. */
class WordSpacingTest {

  @TempDir Path dir;

  private static final String BODY =
      "A plain paragraph of body text, drawn with its own space glyphs as most producers do.";

  private String convert(TestPdf.Builder builder, String name) {
    Path file = builder.write(dir.resolve(name));
    return PdfBoxBackend.create()
        .convert(EngineFixtures.input(file), StandaloneContext.in(dir))
        .markdown();
  }

  /**
   * Draws a line glyph by glyph, so that its content stream holds no space character: letters
   * {@code letterGap} apart, words {@code wordGap} apart (both as shares of the size).
   */
  private static void spaceless(
      TestPdf.Builder builder,
      Font font,
      float size,
      float y,
      String text,
      float letterGap,
      float wordGap) {
    float x = 72;
    for (String word : text.split(" ")) {
      for (int i = 0; i < word.length(); i++) {
        String glyph = word.substring(i, i + 1);
        builder.text(font, size, x, y, glyph);
        x += font.width(glyph, size) + letterGap * size;
      }
      x += (wordGap - letterGap) * size;
    }
  }

  @Test
  void aNarrowFontsWordSpacesAreFoundFromItsCharacterWidths() {
    // 0.14 of the size: narrower than the usual threshold, wider than 0.3 of Times' average letter.
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.TIMES_ROMAN, 10, 72, 100, BODY);
    spaceless(
        builder,
        Font.TIMES_ROMAN,
        10,
        130,
        "Table 1 Composition of the pretraining data",
        0,
        0.14f);

    assertEquals(
        BODY + "\n\nTable 1 Composition of the pretraining data\n", convert(builder, "narrow.pdf"));
  }

  @Test
  void trackedLettersOfASpacelessLineStayOneWord() {
    // Letters 0.13 of the size apart: above 0.3 of the average letter width, but they are the
    // line's letter spacing, so only the wider gaps are spaces.
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.TIMES_ROMAN, 10, 72, 100, BODY);
    spaceless(builder, Font.TIMES_ROMAN, 10, 130, "Tracked letters stay together", 0.13f, 0.45f);

    assertEquals(BODY + "\n\nTracked letters stay together\n", convert(builder, "tracked.pdf"));
  }

  @Test
  void aLineThatDrawsItsSpacesKeepsNarrowGapsInsideWords() {
    // Where the producer draws space glyphs, a gap without one is kerning, however the font runs.
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.TIMES_ROMAN, 10, 72, 100, BODY);
    float x = 72;
    builder.text(Font.TIMES_ROMAN, 10, x, 130, "Little ");
    x += Font.TIMES_ROMAN.width("Little ", 10);
    for (String part : new String[] {"li", "ter", "ature"}) {
      builder.text(Font.TIMES_ROMAN, 10, x, 130, part);
      x += Font.TIMES_ROMAN.width(part, 10) + 1.4f;
    }

    assertEquals(BODY + "\n\nLittle literature\n", convert(builder, "drawn.pdf"));
  }
}
