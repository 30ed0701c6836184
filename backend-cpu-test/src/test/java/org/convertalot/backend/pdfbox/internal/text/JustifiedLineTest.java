package org.convertalot.backend.pdfbox.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A justified line beside a column of ordinary text keeps its words together. */
class JustifiedLineTest {

  @TempDir Path dir;

  private static final String[] LEFT = {
    "The survey set out a general profile of",
    "the firms it met, and the owners told us",
    "how each business had fared since then."
  };
  private static final String[] RIGHT = {
    "Business size was", "determined by the number of staff at", "the time of the interview."
  };

  @Test
  void stretchedSpacesOfOneColumnDoNotSplitItsLineIntoWords() {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    for (int r = 0; r < 3; r++) {
      float y = 100 + 14 * r;
      // The first left line ends 10 pt before the right column, the others further left.
      float x = r == 0 ? 290 - Font.HELVETICA.width(LEFT[0], 10) : 72;
      builder.text(Font.HELVETICA, 10, x, y, LEFT[r]);
      // The first right line is stretched: spaces of 12 pt, wider than the gutter, drawn right
      // after the left line.
      float spacing = r == 0 ? 12 - Font.HELVETICA.width(" ", 10) : 0;
      builder.text(Font.HELVETICA, 10, 300, y, RIGHT[r], spacing);
    }

    String markdown = EngineFixtures.markdown(builder, dir, "justified.pdf");

    assertEquals(String.join(" ", LEFT) + "\n\n" + String.join(" ", RIGHT) + "\n", markdown);
  }

  @Test
  void aGutterAsWideAsTheUnsplitSpacesBeforeItStillSplits() {
    // The right line, drawn first, has ordinary spaces; the left one, drawn after it, spaces of
    // 5 pt, and the gutter between them is 5.5 pt: alike, but those spaces do not split.
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    String left = "The Idea in Things";
    String right = "87 Makdisi and Nussbaum, introduction to the Arabian Nights in context";
    float spacing = 5 - Font.HELVETICA.width(" ", 10);
    float leftWidth = Font.HELVETICA.width(left, 10) + 3 * spacing;
    builder.text(Font.HELVETICA, 10, 72 + leftWidth + 5.5f, 100, right);
    builder.text(Font.HELVETICA, 10, 72, 100, left, spacing);

    String markdown = EngineFixtures.markdown(builder, dir, "gutter.pdf");

    assertEquals(left + "\n\n" + right + "\n", markdown);
  }
}
