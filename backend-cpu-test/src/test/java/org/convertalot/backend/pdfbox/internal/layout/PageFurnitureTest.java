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
}
