package org.convertalot.backend.pdfbox.internal.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chart's value labels line up like a table's cells but are no table. */
class ChartLabelsTest {

  @TempDir Path dir;

  private static final String[][] VALUES = {
    {"37", "40", "50"}, {"58", "62", "49"}, {"4", "1", "2"}
  };

  /** Three rows of three numbers 70 pt apart, optionally inside a gridline frame. */
  private TestPdf.Builder labels(boolean gridlines, String[] header) {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    if (gridlines) {
      builder.grid(new float[] {72, 142, 212, 282}, new float[] {100, 120, 140, 160}, 0.5f);
    }
    int first = header == null ? 0 : 1;
    for (int r = 0; r < VALUES.length + first; r++) {
      String[] row = r < first ? header : VALUES[r - first];
      for (int c = 0; c < 3; c++) {
        builder.text(Font.HELVETICA, 10, 100 + 70 * c, 114 + 20 * r - 20 * first, row[c]);
      }
    }
    return builder;
  }

  @Test
  void numbersAlignedWithoutAnyWordAreChartLabels() {
    String markdown = EngineFixtures.markdown(labels(false, null), dir, "bars.pdf");

    assertFalse(markdown.contains("|"), markdown);
    assertTrue(markdown.contains("37"), markdown);
  }

  @Test
  void numbersInsideGridlinesWithoutAnyWordAreChartLabels() {
    String markdown = EngineFixtures.markdown(labels(true, null), dir, "gridlines.pdf");

    assertFalse(markdown.contains("|"), markdown);
  }

  @Test
  void theSameNumbersUnderAHeaderAreATable() {
    String markdown =
        EngineFixtures.markdown(
            labels(false, new String[] {"Micro", "Small", "Medium"}), dir, "t.pdf");

    assertEquals(
        "| Micro | Small | Medium |\n| --- | --- | --- |\n| 37 | 40 | 50 |\n| 58 | 62 | 49 |\n"
            + "| 4 | 1 | 2 |\n",
        markdown);
  }
}
