package org.convertalot.backend.pdfbox.internal.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How rows and columns come from the text of a table that has no drawn column lines. */
class TextTableStructureTest {

  @TempDir Path dir;

  private String convert(TestPdf.Builder builder, String name) {
    return EngineFixtures.markdown(builder, dir, name);
  }

  /** Draws {@code text} at size 10 centred on {@code centre}. */
  private static void centred(TestPdf.Builder builder, float centre, float y, String text) {
    builder.text(Font.HELVETICA, 10, centre - Font.HELVETICA.width(text, 10) / 2, y, text);
  }

  @Test
  void wideHeaderLabelsWithNarrowGuttersStayTheHeaderOfAnUnruledTable() {
    String[] header = {"Temperature (deg C)", "Viscosity (m2/s)", "Temperature (deg C)", "Rate"};
    float[] centres = new float[4];
    float x = 72;
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    for (int c = 0; c < 4; c++) {
      float width = Font.HELVETICA.width(header[c], 10);
      centres[c] = x + width / 2;
      // Labels 7 pt apart: a gutter narrower than the font size, as wide labels leave.
      builder.text(Font.HELVETICA, 10, x, 100, header[c]);
      x += width + 7;
    }
    String[][] body = {
      {"0", "1.79", "25", "8.9"}, {"1", "1.73", "26", "8.7"}, {"2", "1.67", "27", "8.5"}
    };
    for (int r = 0; r < body.length; r++) {
      for (int c = 0; c < 4; c++) {
        centred(builder, centres[c], 114 + 12 * r, body[r][c]);
      }
    }

    String markdown = convert(builder, "wide-header.pdf");

    assertEquals(
        "| Temperature (deg C) | Viscosity (m2/s) | Temperature (deg C) | Rate |\n"
            + "| --- | --- | --- | --- |\n"
            + "| 0 | 1.79 | 25 | 8.9 |\n| 1 | 1.73 | 26 | 8.7 |\n| 2 | 1.67 | 27 | 8.5 |\n",
        markdown);
  }

  @Test
  void aNarrowGutterThroughTheBodyIsStillNotATable() {
    // Columns 7 pt apart in every row: the spacing of justified prose, not of a table.
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    String[][] rows = {
      {"Alpha", "Beta", "Gamma"},
      {"Delta", "Epsilon", "Zeta"},
      {"Eta", "Theta", "Iota"},
      {"Kappa", "Lambda", "Mu"}
    };
    float[] x = {72, 72 + Font.HELVETICA.width("Kappa", 10) + 7, 0};
    x[2] = x[1] + Font.HELVETICA.width("Epsilon", 10) + 7;
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < 3; c++) {
        builder.text(Font.HELVETICA, 10, x[c], 100 + 12 * r, rows[r][c]);
      }
    }

    String markdown = convert(builder, "narrow-body.pdf");

    assertTrue(!markdown.contains("|"), markdown);
  }

  /** A table between a top and a bottom rule: a title row, then two columns of names. */
  private TestPdf.Builder titledTable(String title) {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.line(72, 90, 300, 90, 0.5f).line(72, 170, 300, 170, 0.5f);
    builder.text(Font.HELVETICA_BOLD, 10, 76, 104, title);
    String[][] rows = {
      {"Potosi Pupfish", "Cyprinodon alvarezi"},
      {"La Palma Pupfish", "Cyprinodon longidorsalis"},
      {"Golden Skiffia", "Skiffia francesae"}
    };
    for (int r = 0; r < rows.length; r++) {
      builder.text(Font.HELVETICA, 10, 76, 124 + 16 * r, rows[r][0]);
      builder.text(Font.HELVETICA, 10, 170, 124 + 16 * r, rows[r][1]);
    }
    return builder;
  }

  @Test
  void aTitleRowAcrossTheColumnsSpansThemInsteadOfMergingTheColumns() {
    String markdown = convert(titledTable("Fish species on the Red List"), "titled.pdf");

    assertEquals(
        "<table>\n<tr><td colspan=\"2\">Fish species on the Red List</td></tr>\n"
            + "<tr><td>Potosi Pupfish</td><td>Cyprinodon alvarezi</td></tr>\n"
            + "<tr><td>La Palma Pupfish</td><td>Cyprinodon longidorsalis</td></tr>\n"
            + "<tr><td>Golden Skiffia</td><td>Skiffia francesae</td></tr>\n</table>\n",
        markdown);
  }

  @Test
  void aLabelThatRunsIntoTheGutterButNotOverTheNextColumnStaysInItsColumn() {
    // "Species and names" ends at about 160 pt, in the gutter before the column at 170 pt.
    String markdown = convert(titledTable("Species and names"), "label.pdf");

    assertTrue(markdown.startsWith("| Species and names |  |\n| --- | --- |\n"), markdown);
  }

  @Test
  void numbersSetApartInsideATableAreCellsOfTheirOwnNotMarkersOfTheNextCell() {
    // Row numbers 8 pt before their item and values 15 pt apart: outside a table a number set
    // apart that little would be a list or section marker kept with its text.
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.line(72, 90, 300, 90, 0.5f).line(72, 108, 300, 108, 0.5f).line(72, 160, 300, 160, 0.5f);
    builder.text(Font.HELVETICA, 10, 76, 102, "No.").text(Font.HELVETICA, 10, 100, 102, "Item");
    builder.text(Font.HELVETICA, 10, 180, 102, "2019").text(Font.HELVETICA, 10, 215, 102, "2020");
    String[][] rows = {{"1", "Apples", "0.66", "0.44"}, {"2", "Pears", "0.06", "N/A"}};
    for (int r = 0; r < rows.length; r++) {
      float y = 124 + 16 * r;
      builder.text(Font.HELVETICA, 10, 84, y, rows[r][0]);
      builder.text(Font.HELVETICA, 10, 100, y, rows[r][1]);
      builder.text(Font.HELVETICA, 10, 180, y, rows[r][2]);
      builder.text(
          Font.HELVETICA, 10, 180 + Font.HELVETICA.width(rows[r][2], 10) + 15, y, rows[r][3]);
    }

    String markdown = convert(builder, "numbers.pdf");

    assertEquals(
        "| No. | Item | 2019 | 2020 |\n| --- | --- | --- | --- |\n"
            + "| 1 | Apples | 0.66 | 0.44 |\n| 2 | Pears | 0.06 | N/A |\n",
        markdown);
  }
}
