package org.convertalot.backend.pdfbox.internal.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbered paragraphs become a Markdown ordered list exactly when CommonMark keeps the numbers. */
class NumberedItemsTest {

  @TempDir Path dir;

  /** The Markdown of a page with one line per item, 16 pt apart. */
  private String convert(String name, String... lines) {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.HELVETICA, 11, 72, 80, "The points below follow.");
    for (int i = 0; i < lines.length; i++) {
      builder.text(Font.HELVETICA, 11, 72, 110 + 16 * i, lines[i]);
    }
    return EngineFixtures.markdown(builder, dir, name);
  }

  private static String html(String markdown) {
    List<org.commonmark.Extension> gfm = List.of(TablesExtension.create());
    return HtmlRenderer.builder()
        .extensions(gfm)
        .build()
        .render(Parser.builder().extensions(gfm).build().parse(markdown));
  }

  @Test
  void numbersCountingUpFromAnyStartAreAnOrderedListThatKeepsThem() {
    String markdown = convert("from3.pdf", "3. Third point", "4. Fourth point", "5. Fifth point");

    assertEquals(
        "The points below follow.\n\n3. Third point\n4. Fourth point\n5. Fifth point\n", markdown);
    assertEquals(
        "<p>The points below follow.</p>\n<ol start=\"3\">\n<li>Third point</li>\n"
            + "<li>Fourth point</li>\n<li>Fifth point</li>\n</ol>\n",
        html(markdown));
  }

  @Test
  void numbersThatSkipStayTextSoTheReaderSeesTheDocumentsNumbers() {
    String markdown = convert("skip.pdf", "1. First point", "3. Third point");

    assertEquals("The points below follow.\n\n1\\. First point\n3\\. Third point\n", markdown);
  }

  @Test
  void lettersAndParenthesisedNumbersAreNotMarkdownMarkersAndStayText() {
    String markdown = convert("letters.pdf", "a. First point", "b. Second point", "(1) Third");

    assertEquals(
        "The points below follow.\n\na. First point\nb. Second point\n(1) Third\n", markdown);
  }

  @Test
  void aSingleNumberedParagraphIsAnOrderedItemOfItsNumber() {
    String markdown = convert("single.pdf", "150. The speed at time t is given below.");

    assertEquals(
        "The points below follow.\n\n150. The speed at time t is given below.\n", markdown);
  }
}
