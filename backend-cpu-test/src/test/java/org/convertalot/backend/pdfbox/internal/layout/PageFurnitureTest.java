package org.convertalot.backend.pdfbox.internal.layout;

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

/** Page furniture of short documents: running heads, page numbers and footers in the margins. */
class PageFurnitureTest {

  @TempDir Path dir;

  private static final String[] BODY = {
    "The body of the page runs over several lines of ordinary",
    "text, set in the same font and size from one line to the",
    "next, as a page of a book or a report would be set."
  };

  private String convert(TestPdf.Builder builder, String name) {
    Path file = builder.write(dir.resolve(name));
    return PdfBoxBackend.create()
        .convert(EngineFixtures.input(file), StandaloneContext.in(dir))
        .markdown();
  }

  private static TestPdf.Builder body(TestPdf.Builder builder, float top) {
    for (int i = 0; i < BODY.length; i++) {
      builder.text(Font.TIMES_ROMAN, 10, 72, top + 13 * i, BODY[i]);
    }
    return builder;
  }

  @Test
  void aFooterWhoseSeparatorIsSetApartByDoubleSpacesStaysOneLine() {
    // "132  |  Title": the two spaces each side are drawn, so the words are drawn in sequence.
    TestPdf.Builder builder = body(TestPdf.builder(PageSize.A4).page(), 100);
    builder.text(
        Font.HELVETICA, 8, 72, 800, "132  |  Public Aquariums and Their Role in Education");

    assertEquals(
        String.join(" ", BODY) + "\n\n132 | Public Aquariums and Their Role in Education\n",
        convert(builder, "footer.pdf"));
  }

  private static final String PARAGRAPH = String.join(" ", BODY);

  @Test
  void aLargeRunningHeadPairedWithAnotherOnItsBaselineIsNotAHeading() {
    // Left and right heads on one baseline in the top margin, larger than the body.
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.TIMES_ROMAN, 14, 72, 50, "COMMUNITY COLLEGE");
    builder.text(Font.TIMES_BOLD, 14, 460, 50, "BIO181");
    body(builder, 100);

    assertEquals(
        "COMMUNITY COLLEGE\n\nBIO181\n\n" + PARAGRAPH + "\n", convert(builder, "heads.pdf"));
  }

  @Test
  void aLargeTitleAtTheTopOfThePageStaysAHeading() {
    // Alone in the top band, neither paired nor worded like furniture: a title.
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.TIMES_BOLD, 14, 72, 50, "Version History");
    body(builder, 100);

    assertEquals("# Version History\n\n" + PARAGRAPH + "\n", convert(builder, "title.pdf"));
  }

  @Test
  void aHeadingBesideTheOtherColumnsFirstLineStaysAHeading() {
    // On one baseline with body text of the other column, which runs on below the band.
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.TIMES_BOLD, 12, 72, 70, "A Contributions");
    builder.text(Font.TIMES_ROMAN, 10, 72, 100, "Left column text under the heading.");
    String[] right = {
      "Right column text that starts", "level with the heading and goes", "on below it."
    };
    for (int i = 0; i < right.length; i++) {
      builder.text(Font.TIMES_ROMAN, 10, 320, 70 + 13 * i, right[i]);
    }

    assertEquals(
        "# A Contributions\n\nLeft column text under the heading.\n\n"
            + String.join(" ", right)
            + "\n",
        convert(builder, "columns.pdf"));
  }

  /** The body, then a bold footer line at body size, which would pass for a bold heading. */
  private String boldFooter(String footer, String name) {
    TestPdf.Builder builder = body(TestPdf.builder(PageSize.A4).page(), 100);
    builder.text(Font.TIMES_BOLD, 10, 72, 810, footer);
    return convert(builder, name);
  }

  @Test
  void aBoldFooterWithAnIdentifierIsNotAHeading() {
    assertEquals(
        PARAGRAPH + "\n\nProject No: 2021-2-FR02-KA220-YOU-000048126\n",
        boldFooter("Project No: 2021-2-FR02-KA220-YOU-000048126", "id.pdf"));
  }

  @Test
  void aBoldFooterWithAPageNumberAfterASeparatorIsNotAHeading() {
    assertEquals(
        PARAGRAPH + "\n\nLegacy for Conservation | 191\n",
        boldFooter("Legacy for Conservation | 191", "numbered.pdf"));
  }

  @Test
  void aBoldPageOfLineIsNotAHeading() {
    assertEquals(PARAGRAPH + "\n\nPage 3 of 12\n", boldFooter("Page 3 of 12", "page.pdf"));
  }

  @Test
  void aBoldDownloadStampIsNotAHeading() {
    assertEquals(
        PARAGRAPH + "\n\nDownloaded from the Digital Library\n",
        boldFooter("Downloaded from the Digital Library", "stamp.pdf"));
  }

  @Test
  void aBoldLineAboveTheFooterBandStaysAHeading() {
    // The same words higher up, in the body of the page, are a heading.
    TestPdf.Builder builder = body(TestPdf.builder(PageSize.A4).page(), 100);
    builder.text(Font.TIMES_BOLD, 10, 72, 600, "Legacy for Conservation | 191");
    builder.text(Font.TIMES_ROMAN, 10, 72, 630, "More body text follows the heading.");

    assertEquals(
        PARAGRAPH + "\n\n## Legacy for Conservation | 191\n\nMore body text follows the heading.\n",
        convert(builder, "body.pdf"));
  }
}
