package org.convertalot.backend.pdfbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown the engine makes from generated documents with a known structure. */
class MarkdownLayoutTest {

  @TempDir Path dir;

  private final ConversionBackend engine = PdfBoxBackend.create();

  private String convert(Path file) {
    BackendOutput output = engine.convert(TestPdfs.input(file), RecordingContext.in(dir));
    assertEquals(Acceleration.CPU, output.accelerationUsed());
    return output.markdown();
  }

  /** A title, a section heading, two paragraphs and a word hyphenated across two lines. */
  private Path article() {
    float leading = 14;
    return TestPdfs.builder()
        .page()
        .line(TestPdfs.BOLD, 24, 72, 80, "The Title")
        .line(TestPdfs.BOLD, 16, 72, 130, "Background")
        .line(TestPdfs.REGULAR, 11, 72, 160, "The first paragraph starts here and gives an")
        .line(TestPdfs.REGULAR, 11, 72, 160 + leading, "exam-")
        .line(TestPdfs.REGULAR, 11, 72, 160 + 2 * leading, "ple of a hyphenated word.")
        // A blank line's worth of space separates the paragraphs.
        .line(TestPdfs.REGULAR, 11, 72, 160 + 4 * leading, "The second paragraph follows after")
        .line(TestPdfs.REGULAR, 11, 72, 160 + 5 * leading, "a gap and ends the section.")
        .save(dir.resolve("article.pdf"));
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
        TestPdfs.builder()
            .page()
            .line(TestPdfs.BOLD, 20, 72, 80, "Report")
            .line(TestPdfs.BOLD, 11, 72, 120, "Method")
            .line(TestPdfs.REGULAR, 11, 72, 140, "We measured twice and wrote it down.")
            .line(TestPdfs.REGULAR, 11, 72, 154, "Then we measured again.")
            .save(dir.resolve("bold.pdf"));

    String markdown = convert(file);

    assertTrue(markdown.startsWith("# Report\n\n## Method\n\n"), markdown);
    assertTrue(markdown.contains("We measured twice and wrote it down. Then we measured again."));
  }

  @Test
  void aCentredTitleOnTwoLinesIsOneHeading() {
    Path file =
        TestPdfs.builder()
            .page()
            .line(TestPdfs.BOLD, 20, 150, 80, "A Long Title That")
            .line(TestPdfs.BOLD, 20, 240, 104, "Wraps")
            .line(
                TestPdfs.REGULAR, 11, 72, 140, "Body text under the title, long enough to be body.")
            .save(dir.resolve("centred.pdf"));

    assertEquals(
        "# A Long Title That Wraps\n\nBody text under the title, long enough to be body.\n",
        convert(file));
  }

  @Test
  void textDrawnRightThenLeftOnOneLineKeepsAWordBreak() {
    Path file =
        TestPdfs.builder()
            .page()
            .line(TestPdfs.REGULAR, 9, 500, 40, "321")
            .line(TestPdfs.REGULAR, 9, 72, 40, "Running Head")
            .save(dir.resolve("running-head.pdf"));

    // Reading order follows the page, not the drawing order: left to right.
    assertEquals("Running Head\n\n321\n", convert(file));
  }

  @Test
  void pagesAreSeparatedByABlankLineWithoutMarkers() {
    String markdown = convert(TestPdfs.pages(dir.resolve("two.pdf"), 2));

    assertEquals("Page 1 of 2\n\nPage 2 of 2\n", markdown);
  }

  @Test
  void hyphenBeforeAnUpperCaseWordIsKept() {
    Path file =
        TestPdfs.builder()
            .page()
            .line(TestPdfs.REGULAR, 11, 72, 100, "The north-")
            .line(TestPdfs.REGULAR, 11, 72, 114, "West passage is long.")
            .save(dir.resolve("keep.pdf"));

    assertEquals("The north- West passage is long.\n", convert(file));
  }

  @Test
  void markdownLookalikesAreEscaped() {
    Path file =
        TestPdfs.builder()
            .page()
            .line(TestPdfs.REGULAR, 11, 72, 100, "# not a heading")
            .line(TestPdfs.REGULAR, 11, 72, 140, "1. not a list, *not emphasis*")
            .save(dir.resolve("escape.pdf"));

    String markdown = convert(file);

    assertEquals("\\# not a heading\n\n1\\. not a list, \\*not emphasis\\*\n", markdown);
  }

  @Test
  void aPageWithoutTextAddsNothing() {
    Path file =
        TestPdfs.builder()
            .page()
            .line(TestPdfs.REGULAR, 11, 72, 100, "Before")
            .page()
            .page()
            .line(TestPdfs.REGULAR, 11, 72, 100, "After")
            .save(dir.resolve("gap.pdf"));

    BackendOutput output = engine.convert(TestPdfs.input(file), RecordingContext.in(dir));

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
}
