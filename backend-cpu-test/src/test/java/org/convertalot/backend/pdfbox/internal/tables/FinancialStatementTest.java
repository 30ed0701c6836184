package org.convertalot.backend.pdfbox.internal.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Borderless numeric tables: a label column and right-aligned columns of amounts. */
class FinancialStatementTest {

  @TempDir Path dir;

  /** Draws {@code text} at size 10 ending at {@code right}. */
  private static void right(TestPdf.Builder builder, float right, float y, String text) {
    builder.text(Font.HELVETICA, 10, right - Font.HELVETICA.width(text, 10), y, text);
  }

  @Test
  void aStatementOfLabelsAndAmountsIsATable() {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.HELVETICA, 11, 72, 80, "The results for the year were as follows.");
    String[][] rows = {
      {"(In millions)", "2023", "2022"},
      {"Revenue", "$ 1,234", "$ 1,100"},
      {"Cost of revenue", "(456)", "(400)"},
      {"Gross profit", "778", "700"},
      {"Operating expenses:", "", ""},
      {"Research and development", "120", "110"},
      {"Sales and marketing", "200", "190"},
      {"Total operating expenses", "320", "300"},
      {"Operating income", "$ 458", "$ 400"},
    };
    for (int r = 0; r < rows.length; r++) {
      float y = 110 + 14 * r;
      builder.text(Font.HELVETICA, 10, r == 5 || r == 6 ? 82 : 72, y, rows[r][0]);
      right(builder, 330, y, rows[r][1]);
      right(builder, 400, y, rows[r][2]);
    }
    builder.text(Font.HELVETICA, 11, 72, 250, "Revenue grew by twelve percent.");

    String markdown = EngineFixtures.markdown(builder, dir, "statement.pdf");

    assertEquals(
        "The results for the year were as follows.\n\n"
            + "| (In millions) | 2023 | 2022 |\n| --- | --- | --- |\n"
            + "| Revenue | $ 1,234 | $ 1,100 |\n| Cost of revenue | (456) | (400) |\n"
            + "| Gross profit | 778 | 700 |\n| Operating expenses: |  |  |\n"
            + "| Research and development | 120 | 110 |\n| Sales and marketing | 200 | 190 |\n"
            + "| Total operating expenses | 320 | 300 |\n| Operating income | $ 458 | $ 400 |\n\n"
            + "Revenue grew by twelve percent.\n",
        markdown);
  }

  @Test
  void dollarSignsSetApartAndSubtotalRulesStayInTheirCells() {
    // As annual reports set them: the "$" at the column's left edge, the amount right-aligned,
    // and a short rule under the last amount before a total.
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    String[][] rows = {
      {"December 31,", "", "2023", "", "2022"},
      {"Cash and equivalents", "$", "5,120", "$", "4,870"},
      {"Receivables, net", "", "1,315", "", "1,207"},
      {"Inventories", "", "(88)", "", "96"},
      {"Total current assets", "$", "6,347", "$", "6,173"},
    };
    for (int r = 0; r < rows.length; r++) {
      float y = 110 + 16 * r;
      builder.text(Font.HELVETICA, 10, 72, y, rows[r][0]);
      if (!rows[r][1].isEmpty()) {
        builder.text(Font.HELVETICA, 10, 260, y, "$");
        builder.text(Font.HELVETICA, 10, 350, y, "$");
      }
      right(builder, 320, y, rows[r][2]);
      right(builder, 410, y, rows[r][4]);
    }
    builder.line(280, 166, 320, 166, 0.5f).line(370, 166, 410, 166, 0.5f);

    String markdown = EngineFixtures.markdown(builder, dir, "balance.pdf");

    assertEquals(
        "| December 31, | 2023 | 2022 |\n| --- | --- | --- |\n"
            + "| Cash and equivalents | $ 5,120 | $ 4,870 |\n| Receivables, net | 1,315 | 1,207 |\n"
            + "| Inventories | (88) | 96 |\n| Total current assets | $ 6,347 | $ 6,173 |\n",
        markdown);
  }
}
