package org.convertalot.backend.pdfbox.internal.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the lines of a ruled table become its columns and rows. */
class RuledTableStructureTest {

  @TempDir Path dir;

  /** A two-column grid, 72 to 272 and 272 to 372, of three rows, with the given extra lines. */
  private String grid(String name, float[][] extraLines) {
    TestPdf.Builder builder =
        TestPdf.builder(PageSize.A4)
            .page()
            .grid(new float[] {72, 272, 372}, new float[] {100, 120, 140, 160}, 0.5f);
    for (float[] line : extraLines) {
      builder.line(line[0], line[1], line[2], line[3], 0.5f);
    }
    // First cells run past x = 172, so that both halves of the first column hold text.
    String[][] cells = {
      {"Competence area of the course", "Recycling"},
      {"Statement of what is learned", "Reuse"},
      {"Skills to be practised daily", "Reduce"}
    };
    for (int r = 0; r < cells.length; r++) {
      builder.text(Font.HELVETICA, 10, 77, 114 + 20 * r, cells[r][0]);
      builder.text(Font.HELVETICA, 10, 277, 114 + 20 * r, cells[r][1]);
    }
    return EngineFixtures.markdown(builder, dir, name);
  }

  private static final String TWO_COLUMNS =
      "| Competence area of the course | Recycling |\n| --- | --- |\n"
          + "| Statement of what is learned | Reuse |\n| Skills to be practised daily | Reduce |\n";

  @Test
  void aLineThatDividesNoRowAddsNoColumn() {
    // A tick at x = 172 hangs from the top rule: it joins the grid but crosses no row's middle.
    assertEquals(TWO_COLUMNS, grid("tick.pdf", new float[][] {{172, 100, 172, 103}}));
  }

  @Test
  void aLineThatDividesNoColumnAddsNoRow() {
    // A stub at y = 130 leaves the right frame for 3 pt, between the two lines of a cell.
    TestPdf.Builder builder =
        TestPdf.builder(PageSize.A4)
            .page()
            .grid(new float[] {72, 272, 372}, new float[] {100, 120, 142}, 0.5f)
            .line(369, 130, 372, 130, 0.5f);
    builder.text(Font.HELVETICA, 10, 77, 114, "Area").text(Font.HELVETICA, 10, 277, 114, "Value");
    builder.text(Font.HELVETICA, 10, 77, 128, "Statement of what");
    builder.text(Font.HELVETICA, 10, 77, 139, "is learned").text(Font.HELVETICA, 10, 277, 128, "7");

    assertEquals(
        "| Area | Value |\n| --- | --- |\n| Statement of what is learned | 7 |\n",
        EngineFixtures.markdown(builder, dir, "stub.pdf"));
  }

  @Test
  void aLineThatDividesOneRowStillMakesAColumnThatTheOtherRowsSpan() {
    // Only the header row is divided at x = 172, and holds text on both sides of it.
    TestPdf.Builder builder =
        TestPdf.builder(PageSize.A4)
            .page()
            .grid(new float[] {72, 272, 372}, new float[] {100, 120, 140}, 0.5f)
            .line(172, 100, 172, 120, 0.5f);
    builder.text(Font.HELVETICA, 10, 77, 114, "Area").text(Font.HELVETICA, 10, 177, 114, "Detail");
    builder.text(Font.HELVETICA, 10, 277, 114, "Value");
    builder
        .text(Font.HELVETICA, 10, 77, 134, "Recycling at home")
        .text(Font.HELVETICA, 10, 277, 134, "7");

    assertEquals(
        "<table>\n<tr><td>Area</td><td>Detail</td><td>Value</td></tr>\n"
            + "<tr><td colspan=\"2\">Recycling at home</td><td>7</td></tr>\n</table>\n",
        EngineFixtures.markdown(builder, dir, "header.pdf"));
  }

  /**
   * A grid open at the top: rules under each row, column lines from the first rule down, and the
   * given line of text just above the first rule.
   */
  private TestPdf.Builder openTop(String... above) {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.line(72, 120, 372, 120, 0.5f).line(72, 140, 372, 140, 0.5f);
    builder.line(72, 160, 372, 160, 0.5f);
    builder.line(172, 120, 172, 160, 0.5f).line(272, 120, 272, 160, 0.5f);
    float[] x = {77, 177, 277};
    for (int c = 0; c < above.length; c++) {
      builder.text(Font.HELVETICA, 10, above.length == 1 ? 72 : x[c], 113, above[c]);
    }
    String[][] rows = {{"Pack", "Reads text", "Finds items"}, {"Use", "Receipts", "Shops"}};
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < 3; c++) {
        builder.text(Font.HELVETICA, 10, x[c], 134 + 20 * r, rows[r][c]);
      }
    }
    return builder;
  }

  @Test
  void labelsAboveAnOpenTopRuleAreTheHeaderRow() {
    String markdown =
        EngineFixtures.markdown(openTop("Area", "OCR", "Recommendation"), dir, "open.pdf");

    assertEquals(
        "| Area | OCR | Recommendation |\n| --- | --- | --- |\n"
            + "| Pack | Reads text | Finds items |\n| Use | Receipts | Shops |\n",
        markdown);
  }

  @Test
  void aCaptionAboveAnOpenTopRuleStaysOutOfTheTable() {
    String markdown =
        EngineFixtures.markdown(
            openTop("Table 3: What each pack does, by use case and shop"), dir, "caption.pdf");

    assertEquals(
        "Table 3: What each pack does, by use case and shop\n\n"
            + "| Pack | Reads text | Finds items |\n| --- | --- | --- |\n| Use | Receipts | Shops |\n",
        markdown);
  }

  /** A frame with three column lines and a rule under the header, no rules between body rows. */
  private TestPdf.Builder openBody(String[][] body) {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.strokeRect(72, 100, 300, 20 + 14 * body.length + 6, 0.5f);
    builder.line(72, 120, 372, 120, 0.5f);
    builder.line(122, 100, 122, 126 + 14 * body.length, 0.5f);
    builder.line(252, 100, 252, 126 + 14 * body.length, 0.5f);
    float[] x = {77, 127, 257};
    String[] header = {"No.", "Party", "Role"};
    for (int c = 0; c < 3; c++) {
      builder.text(Font.HELVETICA, 10, x[c], 114, header[c]);
    }
    for (int r = 0; r < body.length; r++) {
      for (int c = 0; c < 3; c++) {
        if (!body[r][c].isEmpty()) {
          builder.text(Font.HELVETICA, 10, x[c], 134 + 14 * r, body[r][c]);
        }
      }
    }
    return builder;
  }

  @Test
  void bodyRowsWithoutRulesComeFromTheLinesThatAlignAcrossTheColumns() {
    String[][] body = {
      {"1", "Party A", "Buyer"},
      {"2", "Party B", "Seller"},
      {"", "", "and agent"},
      {"3", "Bank", "Escrow"}
    };

    assertEquals(
        "| No. | Party | Role |\n| --- | --- | --- |\n| 1 | Party A | Buyer |\n"
            + "| 2 | Party B | Seller and agent |\n| 3 | Bank | Escrow |\n",
        EngineFixtures.markdown(openBody(body), dir, "bands.pdf"));
  }

  @Test
  void wrappedTextBesideALabelStaysOneRow() {
    String[][] body = {
      {"1", "Buyer and seller", "Each party signs"},
      {"", "meet in person", "the deed before"},
      {"", "at the bank", "the notary"}
    };

    assertEquals(
        "| No. | Party | Role |\n| --- | --- | --- |\n"
            + "| 1 | Buyer and seller meet in person at the bank | Each party signs the deed before the"
            + " notary |\n",
        EngineFixtures.markdown(openBody(body), dir, "wrapped.pdf"));
  }
}
