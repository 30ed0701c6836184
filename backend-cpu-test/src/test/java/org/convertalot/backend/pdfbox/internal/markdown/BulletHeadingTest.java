package org.convertalot.backend.pdfbox.internal.markdown;

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

/** A bulleted line is a list item even when it is bold and stands alone like a heading. */
class BulletHeadingTest {

  @TempDir Path dir;

  private static final String FIRST =
      "A first paragraph of ordinary text that runs on for a while.";
  private static final String LAST = "A last paragraph of ordinary text that closes the page.";

  @Test
  void aBoldBulletedLineIsAListItemNotAHeading() {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.TIMES_ROMAN, 10, 72, 100, FIRST);
    builder.text(Font.TIMES_ROMAN, 10, 72, 130, "\u2022");
    builder.text(Font.TIMES_BOLD, 10, 84, 130, "What the sources suggest");
    builder.text(Font.TIMES_ROMAN, 10, 72, 160, LAST);
    Path file = builder.write(dir.resolve("bullet.pdf"));

    String markdown =
        PdfBoxBackend.create()
            .convert(EngineFixtures.input(file), StandaloneContext.in(dir))
            .markdown();

    assertEquals(FIRST + "\n\n- What the sources suggest\n\n" + LAST + "\n", markdown);
  }
}
