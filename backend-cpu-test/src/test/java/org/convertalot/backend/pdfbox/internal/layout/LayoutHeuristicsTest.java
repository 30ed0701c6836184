package org.convertalot.backend.pdfbox.internal.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.markdown.MarkdownRenderer;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One generated PDF per layout heuristic: columns, tables, headings, lists, filters. */
class LayoutHeuristicsTest {

  @TempDir Path dir;

  private static final List<Extension> GFM = List.of(TablesExtension.create());

  private String convert(TestPdf.Builder builder, String name) {
    return EngineFixtures.markdown(builder, dir, name);
  }

  /** The Markdown after the runtime's normalization (CommonMark + GFM tables, rendered back). */
  private static String normalized(String markdown) {
    Parser parser = Parser.builder().extensions(GFM).build();
    return MarkdownRenderer.builder().extensions(GFM).build().render(parser.parse(markdown));
  }

  private static String html(String markdown) {
    Parser parser = Parser.builder().extensions(GFM).build();
    return HtmlRenderer.builder().extensions(GFM).build().render(parser.parse(markdown));
  }

  private static final String[] LEFT = {
    "Left column starts here and", "goes on for a few lines of", "text before it ends."
  };
  private static final String[] RIGHT = {
    "Right column text follows", "after the left one and", "finishes the page."
  };

  /** Two columns drawn one after the other, with a narrow gutter and shared baselines. */
  private TestPdf.Builder twoColumns(float gutterX) {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.HELVETICA_BOLD, 20, 72, 80, "Two Column Article");
    for (int i = 0; i < LEFT.length; i++) {
      builder.text(Font.HELVETICA, 10, 72, 120 + 14 * i, LEFT[i]);
    }
    for (int i = 0; i < RIGHT.length; i++) {
      builder.text(Font.HELVETICA, 10, gutterX, 120 + 14 * i, RIGHT[i]);
    }
    return builder;
  }

  @Test
  void columnsAreReadOneAfterTheOtherBelowAFullWidthTitle() {
    String markdown = convert(twoColumns(300), "columns.pdf");

    assertEquals(
        "# Two Column Article\n\n"
            + String.join(" ", LEFT)
            + "\n\n"
            + String.join(" ", RIGHT)
            + "\n",
        markdown);
  }

  @Test
  void aNarrowGutterBetweenColumnsDrawnApartStillSplitsTheLine() {
    // The left lines end near x = 200; a gutter of about 8 pt (less than the font size) follows.
    String markdown = convert(twoColumns(215), "narrow.pdf");

    assertTrue(markdown.contains(String.join(" ", LEFT)), markdown);
    assertTrue(markdown.contains(String.join(" ", RIGHT)), markdown);
  }

  /** The word spacing that makes {@code text} at size 10 run from x = 72 to {@code right}. */
  private static float justify(String text, float right) {
    float width = Font.HELVETICA.width(text, 10);
    int spaces = text.split(" ").length - 1;
    return (right - 72 - width) / spaces;
  }

  @Test
  void aGutterNarrowerThanStretchedWordSpacesSplitsWhereOtherRowsSplit() throws Exception {
    String[] left = {
      "left words are stretched out wide", "more of the left words set wide",
      "third left row of the text here, a longer one", "fourth left row of the text, also long"
    };
    String[] right = {"right one", "right two", "right three", "right four"};
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    // Rows 0 and 1: both columns drawn in sequence, word spaces wider than the 10 pt gutter.
    for (int r = 0; r < 2; r++) {
      float spacing = justify(left[r], 240);
      assertTrue(spacing > 1.5 && spacing < 6, "setup: spacing " + spacing);
      builder.text(Font.HELVETICA, 10, 72, 100 + 14 * r, left[r], spacing);
      builder.text(Font.HELVETICA, 10, 250, 100 + 14 * r, right[r], spacing);
    }
    // Rows 2 and 3: ordinary word spaces, right column drawn later: these split at the gutter.
    for (int r = 2; r < 4; r++) {
      float width = Font.HELVETICA.width(left[r], 10);
      builder.text(Font.HELVETICA, 10, 240 - width, 100 + 14 * r, left[r]);
    }
    for (int r = 2; r < 4; r++) {
      builder.text(Font.HELVETICA, 10, 250, 100 + 14 * r, right[r]);
    }

    assertEquals(
        String.join(" ", left) + "\n\n" + String.join(" ", right) + "\n",
        convert(builder, "gutter.pdf"));
  }

  @Test
  void justifiedWordSpacesDoNotSplitALine() {
    TestPdf.Builder builder =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA, 10, 72, 100, "wide words stretched apart here", 14)
            .text(Font.HELVETICA, 10, 72, 114, "and the paragraph ends.");

    assertEquals(
        "wide words stretched apart here and the paragraph ends.\n",
        convert(builder, "justified.pdf"));
  }

  @Test
  void aRuledGridBecomesAPipeTableThatSurvivesNormalization() {
    float[] xs = {72, 172, 272, 372};
    float[] ys = {100, 120, 140, 160};
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page().grid(xs, ys, 0.5f);
    String[][] cells = {{"Region", "2019", "2020"}, {"North", "9", "8"}, {"South", "1", "2"}};
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        builder.text(Font.HELVETICA, 10, xs[c] + 5, ys[r] + 14, cells[r][c]);
      }
    }
    builder.text(Font.HELVETICA, 10, 72, 200, "Text after the table.");

    String markdown = convert(builder, "grid.pdf");

    assertEquals(
        "| Region | 2019 | 2020 |\n| --- | --- | --- |\n| North | 9 | 8 |\n| South | 1 | 2 |\n\n"
            + "Text after the table.\n",
        markdown);
    String rendered = html(normalized(markdown));
    assertTrue(rendered.contains("<th>Region</th>"), rendered);
    assertTrue(rendered.contains("<td>South</td>"), rendered);
  }

  @Test
  void aMissingInteriorRuleMakesASpanningCellInAnHtmlTable() {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    // Outer frame and row lines; the first row has no vertical line between its two columns.
    builder
        .line(72, 100, 272, 100, 0.5f)
        .line(72, 120, 272, 120, 0.5f)
        .line(72, 140, 272, 140, 0.5f);
    builder
        .line(72, 100, 72, 140, 0.5f)
        .line(272, 100, 272, 140, 0.5f)
        .line(172, 120, 172, 140, 0.5f);
    builder.text(Font.HELVETICA, 10, 120, 114, "Both years");
    builder.text(Font.HELVETICA, 10, 77, 134, "2019").text(Font.HELVETICA, 10, 177, 134, "2020");

    String markdown = convert(builder, "span.pdf");

    assertEquals(
        "<table>\n<tr><td colspan=\"2\">Both years</td></tr>\n<tr><td>2019</td><td>2020</td></tr>\n"
            + "</table>\n",
        markdown);
    assertTrue(normalized(markdown).contains("colspan=\"2\""));
  }

  @Test
  void highlightedTextInsideARuledCellAddsNoColumns() {
    float[] xs = {72, 172, 272};
    float[] ys = {100, 120, 140};
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    // Highlights behind the text of each cell, narrower than the cells.
    builder.fillRect(76, 103, 50, 14, 0.85f).fillRect(176, 103, 50, 14, 0.85f);
    builder.grid(xs, ys, 0.5f);
    builder.text(Font.HELVETICA, 10, 77, 114, "Name").text(Font.HELVETICA, 10, 177, 114, "Value");
    builder.text(Font.HELVETICA, 10, 77, 134, "Alpha").text(Font.HELVETICA, 10, 177, 134, "1");

    assertEquals(
        "| Name | Value |\n| --- | --- |\n| Alpha | 1 |\n", convert(builder, "highlight.pdf"));
  }

  @Test
  void horizontalRulesAloneEncloseATableWhoseColumnsComeFromTheText() {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder
        .line(72, 100, 400, 100, 0.5f)
        .line(72, 120, 400, 120, 0.5f)
        .line(72, 170, 400, 170, 0.5f);
    String[][] rows = {
      {"Model", "Size", "Score"}, {"Alpha", "7B", "61.2"}, {"Beta", "13B", "64.8"},
    };
    float[] x = {75, 200, 320};
    float[] y = {114, 136, 156};
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < 3; c++) {
        builder.text(Font.HELVETICA, 10, x[c], y[r], rows[r][c]);
      }
    }

    assertEquals(
        "| Model | Size | Score |\n| --- | --- | --- |\n| Alpha | 7B | 61.2 |\n| Beta | 13B | 64.8 |\n",
        convert(builder, "booktabs.pdf"));
  }

  @Test
  void alignedShortColumnsWithoutRulesBecomeAPipeTable() {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    builder.text(Font.HELVETICA, 11, 72, 80, "Recovery rates for each class of assets follow.");
    String[][] rows = {
      {"Year", "3-Year", "5-Year"},
      {"1", "33.0%", "20.00%"},
      {"2", "44.45%", "32.00%"},
      {"3", "14.81%", "19.20%"},
    };
    float[] x = {72, 180, 290};
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < 3; c++) {
        builder.text(Font.HELVETICA, 10, x[c], 110 + 16 * r, rows[r][c]);
      }
    }
    builder.text(Font.HELVETICA, 11, 72, 200, "The rates add up to one hundred percent.");

    String markdown = convert(builder, "unruled.pdf");

    assertTrue(
        markdown.contains(
            "| Year | 3-Year | 5-Year |\n| --- | --- | --- |\n| 1 | 33.0% | 20.00% |\n"
                + "| 2 | 44.45% | 32.00% |\n| 3 | 14.81% | 19.20% |\n"),
        markdown);
    assertTrue(
        markdown.startsWith("Recovery rates for each class of assets follow.\n\n"), markdown);
  }

  /**
   * Four rows of three short pieces, each row with wide gaps of its own; the pieces of the second
   * column start at 130 pt and the first column's longest piece ends {@code gutter} points before.
   */
  private TestPdf.Builder alignedPieces(float gutter) {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    String[] first = {"Oak", "Birch", "Maple", "Fir"};
    String[] second = {"North", "South", "East", "West"};
    String[] third = {"12", "7", "31", "4"};
    float longest = Font.HELVETICA.width("Maple", 10);
    for (int r = 0; r < first.length; r++) {
      float x = 130 - gutter - longest;
      builder.text(Font.HELVETICA, 10, x, 110 + 14 * r, first[r]);
      builder.text(Font.HELVETICA, 10, 130, 110 + 14 * r, second[r]);
      builder.text(Font.HELVETICA, 10, 230, 110 + 14 * r, third[r]);
    }
    return builder;
  }

  @Test
  void alignedPiecesWithGuttersOfAFontSizeOrMoreAreATable() {
    String markdown = convert(alignedPieces(12), "gutter12.pdf");

    assertTrue(markdown.contains("| Oak | North | 12 |"), markdown);
  }

  @Test
  void alignedPiecesWhoseGutterIsNarrowerThanAFontSizeAreNotATable() {
    // Left-aligned cells whose longest entry runs to within 6 pt (0.6 of the size) of the next
    // column: the spacing of justified prose, not of a table's columns.
    String markdown = convert(alignedPieces(6), "gutter6.pdf");

    assertFalse(markdown.contains("|"), markdown);
  }

  @Test
  void twoColumnProseIsNotAnUnruledTable() {
    String markdown = convert(twoColumns(300), "prose.pdf");

    assertFalse(markdown.contains("|"), markdown);
    assertTrue(markdown.contains("Left column starts here and goes on"), markdown);
  }

  @Test
  void justifiedProseWithWideWordSpacesIsNotAnUnruledTable() {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    String[] left = {
      "If a claim causes strong emotion",
      "anger, glee, pride, vindication",
      "STOP. You must fact-check",
      "this claim. Remember from the",
      "chapter, Our Mental Shortcuts,"
    };
    String[] right = {
      "In these chapters we are",
      "focusing on researching a",
      "wicked problem, but the SIFT",
      "method is a great thing to",
      "use before you share it."
    };
    for (int i = 0; i < left.length; i++) {
      builder.text(Font.HELVETICA, 10, 72, 100 + 13 * i, left[i], 7);
      builder.text(Font.HELVETICA, 10, 320, 100 + 13 * i, right[i], 7);
    }

    String markdown = convert(builder, "justified.pdf");

    assertFalse(markdown.contains("|"), markdown);
  }

  @Test
  void aBulletedListOfShortItemsIsNotAnUnruledTable() {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    String[] items = {"Apples", "Pears", "Plums", "Cherries"};
    for (int i = 0; i < items.length; i++) {
      builder.text(Font.HELVETICA, 11, 80, 100 + 14 * i, "\u2022");
      builder.text(Font.HELVETICA, 11, 95, 100 + 14 * i, items[i]);
    }

    String markdown = convert(builder, "shortlist.pdf");

    assertFalse(markdown.contains("|"), markdown);
    assertTrue(markdown.contains("- Apples\n- Pears\n- Plums\n- Cherries"), markdown);
  }

  @Test
  void aGridHoldingOnlyAFewLabelsIsAChartNotATable() {
    float[] xs = {72, 122, 172, 222, 272};
    float[] ys = {100, 130, 160, 190};
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page().grid(xs, ys, 0.5f);
    builder.text(Font.HELVETICA, 8, 75, 125, "30").text(Font.HELVETICA, 8, 75, 185, "10");

    String markdown = convert(builder, "chart.pdf");

    assertFalse(markdown.contains("|"), markdown);
    assertFalse(markdown.contains("<table>"), markdown);
  }

  @Test
  void aSectionNumberSetApartStaysWithItsHeading() {
    TestPdf.Builder builder =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA_BOLD, 11, 72, 100, "4.2")
            .text(Font.HELVETICA_BOLD, 11, 95, 100, "Main Results")
            .text(Font.HELVETICA, 11, 72, 120, "We present the results of the study here.");

    String markdown = convert(builder, "section.pdf");

    assertTrue(markdown.startsWith("## 4.2 Main Results\n\n"), markdown);
  }

  @Test
  void boldCaptionsAndDatesAreNotHeadings() {
    TestPdf.Builder builder =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA_BOLD, 20, 72, 80, "Annual Report")
            .text(Font.HELVETICA_BOLD, 11, 72, 110, "Figure 2.1: Sales by region")
            .text(Font.HELVETICA, 11, 72, 130, "Sales grew in every region this year.")
            .text(Font.HELVETICA_BOLD, 11, 72, 160, "June 2023")
            .text(Font.HELVETICA, 11, 72, 180, "The report closes here.");

    String markdown = convert(builder, "captions.pdf");

    assertTrue(markdown.contains("\n\nFigure 2.1: Sales by region\n\n"), markdown);
    assertTrue(markdown.contains("\n\nJune 2023\n\n"), markdown);
  }

  @Test
  void aTitleCaseLineSetApartInTheBodyFontIsAHeading() {
    TestPdf.Builder builder =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA, 11, 72, 80, "Print Versus Digital")
            .text(Font.HELVETICA, 11, 72, 110, "Why do some readers favour print over digital?")
            .text(Font.HELVETICA, 11, 72, 124, "This section looks at their reasons.");

    String markdown = convert(builder, "title.pdf");

    assertTrue(markdown.startsWith("## Print Versus Digital\n\n"), markdown);
  }

  @Test
  void bulletsBecomeNestedListItemsAndCountingNumbersAnOrderedList() {
    TestPdf.Builder builder =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA, 11, 72, 100, "The steps were:")
            .text(Font.HELVETICA, 11, 80, 120, "\u2022")
            .text(Font.HELVETICA, 11, 95, 120, "Measure the flow")
            .text(Font.HELVETICA, 11, 100, 134, "-")
            .text(Font.HELVETICA, 11, 112, 134, "twice a day")
            .text(Font.HELVETICA, 11, 80, 148, "\u2022")
            .text(Font.HELVETICA, 11, 95, 148, "Write it down")
            .text(Font.HELVETICA, 11, 72, 180, "1. First numbered point")
            .text(Font.HELVETICA, 11, 72, 194, "2. Second numbered point");

    String markdown = convert(builder, "list.pdf");

    assertTrue(
        markdown.contains("- Measure the flow\n   - twice a day\n- Write it down"), markdown);
    assertTrue(
        markdown.contains("\n\n1. First numbered point\n2. Second numbered point"), markdown);
    assertTrue(html(normalized(markdown)).contains("<li>twice a day</li>"));
  }

  @Test
  void textOutsideThePageIsDropped() {
    TestPdf.Builder builder =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA, 11, -400, 100, "Parked off the page")
            .text(Font.HELVETICA, 11, 72, 100, "Visible text.");

    assertEquals("Visible text.\n", convert(builder, "offpage.pdf"));
  }

  @Test
  void aSparsePageDoesNotTakeATitleGapForItsLeading() {
    TestPdf.Builder builder =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA, 11, 72, 80, "results in brief")
            .text(Font.HELVETICA, 11, 72, 112, "The first line of the paragraph goes on")
            .text(Font.HELVETICA, 11, 72, 126, "and the second ends it.");

    assertEquals(
        "results in brief\n\nThe first line of the paragraph goes on and the second ends it.\n",
        convert(builder, "sparse.pdf"));
  }
}
