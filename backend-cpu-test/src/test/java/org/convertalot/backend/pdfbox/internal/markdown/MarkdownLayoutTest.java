package org.convertalot.backend.pdfbox.internal.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.backend.pdfbox.internal.engine.EngineOptions;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.StandaloneContext;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown the engine makes from generated documents with a known structure. */
class MarkdownLayoutTest {

  @TempDir Path dir;

  private final ConversionBackend engine = PdfBoxBackend.create();

  private String convert(Path file) {
    return convert(file, Map.of());
  }

  private String convert(Path file, Map<String, String> options) {
    BackendOutput output =
        engine.convert(EngineFixtures.input(file, options), StandaloneContext.in(dir));
    assertEquals(Acceleration.CPU, output.accelerationUsed());
    return output.markdown();
  }

  /** A title, a section heading, two paragraphs and a word hyphenated across two lines. */
  private Path article() {
    float leading = 14;
    return TestPdf.builder(PageSize.A4)
        .page()
        .text(Font.HELVETICA_BOLD, 24, 72, 80, "The Title")
        .text(Font.HELVETICA_BOLD, 16, 72, 130, "Background")
        .text(Font.HELVETICA, 11, 72, 160, "The first paragraph starts here and gives an")
        .text(Font.HELVETICA, 11, 72, 160 + leading, "exam-")
        .text(Font.HELVETICA, 11, 72, 160 + 2 * leading, "ple of a hyphenated word.")
        // A blank line's worth of space separates the paragraphs.
        .text(Font.HELVETICA, 11, 72, 160 + 4 * leading, "The second paragraph follows after")
        .text(Font.HELVETICA, 11, 72, 160 + 5 * leading, "a gap and ends the section.")
        .write(dir.resolve("article.pdf"));
  }

  @Test
  void titleSectionParagraphsAndHyphenation() {
    String markdown = convert(article());

    assertEquals(
        "# The Title\n\n"
            + "## Background\n\n"
            + "The first paragraph starts here and gives an example of a hyphenated word.\n\n"
            + "The second paragraph follows after a gap and ends the section.\n",
        markdown);
  }

  @Test
  void boldBodySizeLinesBecomeTheLowestHeadingLevel() {
    Path file =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA_BOLD, 20, 72, 80, "Report")
            .text(Font.HELVETICA_BOLD, 11, 72, 120, "Method")
            .text(Font.HELVETICA, 11, 72, 140, "We measured twice and wrote it down.")
            .text(Font.HELVETICA, 11, 72, 154, "Then we measured again.")
            .write(dir.resolve("bold.pdf"));

    String markdown = convert(file);

    assertTrue(markdown.startsWith("# Report\n\n## Method\n\n"), markdown);
    assertTrue(markdown.contains("We measured twice and wrote it down. Then we measured again."));
  }

  @Test
  void aCentredTitleOnTwoLinesIsOneHeading() {
    Path file =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA_BOLD, 20, 150, 80, "A Long Title That")
            .text(Font.HELVETICA_BOLD, 20, 240, 104, "Wraps")
            .text(Font.HELVETICA, 11, 72, 140, "Body text under the title, long enough to be body.")
            .write(dir.resolve("centred.pdf"));

    assertEquals(
        "# A Long Title That Wraps\n\nBody text under the title, long enough to be body.\n",
        convert(file));
  }

  @Test
  void textDrawnRightThenLeftOnOneLineKeepsAWordBreak() {
    Path file =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA, 9, 500, 40, "321")
            .text(Font.HELVETICA, 9, 72, 40, "Running Head")
            .write(dir.resolve("running-head.pdf"));

    // Reading order follows the page, not the drawing order: left to right.
    assertEquals("Running Head\n\n321\n", convert(file));
  }

  @Test
  void pagesAreSeparatedByABlankLineWithoutMarkers() {
    String markdown = convert(EngineFixtures.pages(dir.resolve("two.pdf"), 2));

    assertEquals("Page 1 of 2\n\nPage 2 of 2\n", markdown);
  }

  @Test
  void hyphenBeforeAnUpperCaseWordIsKept() {
    Path file =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA, 11, 72, 100, "The north-")
            .text(Font.HELVETICA, 11, 72, 114, "West passage is long.")
            .write(dir.resolve("keep.pdf"));

    assertEquals("The north- West passage is long.\n", convert(file));
  }

  @Test
  void markdownLookalikesAreEscaped() {
    Path file =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA, 11, 72, 100, "# not a heading")
            // A number with a period is a list item (NumberedItemsTest); a plus is not.
            .text(Font.HELVETICA, 11, 72, 140, "+ not a list, *not emphasis*")
            .write(dir.resolve("escape.pdf"));

    String markdown = convert(file);

    assertEquals("\\# not a heading\n\n\\+ not a list, \\*not emphasis\\*\n", markdown);
  }

  @Test
  void aPageWithoutTextAddsNothing() {
    Path file =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA, 11, 72, 100, "Before")
            .page()
            .page()
            .text(Font.HELVETICA, 11, 72, 100, "After")
            .write(dir.resolve("gap.pdf"));

    BackendOutput output = engine.convert(EngineFixtures.input(file), StandaloneContext.in(dir));

    assertEquals(3, output.pages());
    assertEquals("Before\n\nAfter\n", output.markdown());
  }

  @Test
  void theSameInputGivesTheSameOutput() {
    Path file = article();

    List<String> outputs = List.of(convert(file), convert(file), convert(file));

    assertEquals(1, outputs.stream().distinct().count());
    assertFalse(outputs.get(0).isBlank());
  }

  private static float width(String text, float size) {
    return Font.HELVETICA.width(text, size);
  }

  @Test
  void linkAnnotationsOverWholeWordsBecomeMarkdownLinksWhenAskedFor() {
    float size = 11;
    float anchorStart = 72 + width("Read the ", size);
    float visitStart = 72 + width("Visit ", size);
    Path file =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA, size, 72, 100, "Read the project site for details.")
            .link(anchorStart - 1, 90, width("project site", size) + 2, 14, "https://x.org/a(b) c")
            // The link's rectangle stops before the full stop, which stays outside the link.
            .text(Font.HELVETICA, size, 72, 160, "Visit example.org.")
            .link(visitStart - 1, 150, width("example.org", size), 14, "https://example.org")
            // A link over part of a word is not certain text: no link.
            .text(Font.HELVETICA, size, 72, 220, "Unlinked halfword here.")
            .link(72 + width("Unlinked ", size), 210, width("half", size), 14, "https://no.org")
            .write(dir.resolve("links.pdf"));

    assertEquals(
        "Read the [project site](https://x.org/a%28b%29%20c) for details.\n\n"
            + "Visit [example.org](https://example.org).\n\n"
            + "Unlinked halfword here.\n",
        convert(file, Map.of(EngineOptions.LINKS.key(), "true")));
    // Off by default: the plain text only.
    assertEquals(
        "Read the project site for details.\n\nVisit example.org.\n\nUnlinked halfword here.\n",
        convert(file));
  }

  /** A piece of a line in a font of its own. */
  private record Run(Font font, String text) {}

  @Test
  void boldAndItalicRunsInsideAParagraphBecomeEmphasisWhenAskedFor() {
    float size = 11;
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    float x = 72;
    // One line in three fonts, each run starting where the one before ends.
    for (Run run :
        List.of(
            new Run(Font.HELVETICA, "This is "),
            new Run(Font.HELVETICA_BOLD, "very important"),
            new Run(Font.HELVETICA, " and "),
            new Run(Font.HELVETICA_OBLIQUE, "slanted"),
            new Run(Font.HELVETICA, " text."))) {
      builder.text(run.font(), size, x, 100, run.text());
      x += run.font().width(run.text(), size);
    }
    Path file = builder.write(dir.resolve("emphasis.pdf"));

    assertEquals("This is very important and slanted text.\n", convert(file));
    assertEquals(
        "This is **very important** and *slanted* text.\n",
        convert(file, Map.of(EngineOptions.EMPHASIS.key(), "true")));
  }

  @Test
  void runningHeadersAndPageNumbersOfMultiPageDocumentsAreDropped() {
    String[] words = {"one", "two", "three", "four"};
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4);
    for (int p = 1; p <= 4; p++) {
      builder
          .page()
          // The same header with the page's own number, and a lone number in the footer.
          .text(Font.HELVETICA, 9, 72, 40, "Quarterly Report, page " + p)
          .text(Font.HELVETICA, 11, 72, 120, "Body text on page " + words[p - 1] + ".")
          .text(Font.HELVETICA, 9, 290, 810, Integer.toString(p));
    }
    // A line in the top band that does not repeat stays.
    builder.text(Font.HELVETICA, 11, 72, 70, "Only here");
    Path file = builder.write(dir.resolve("running.pdf"));

    assertEquals(
        "Body text on page one.\n\n"
            + "Body text on page two.\n\n"
            + "Body text on page three.\n\n"
            + "Only here\n\n"
            + "Body text on page four.\n",
        convert(file));
  }
}
