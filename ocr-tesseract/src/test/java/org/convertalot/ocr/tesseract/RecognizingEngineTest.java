package org.convertalot.ocr.tesseract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.testkit.BackendContract;
import org.convertalot.testkit.StandaloneContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PDFBox engine with Tesseract on the class path: pages that show text without a text layer
 * convert, and their layout (headings, columns, tables) is analysed like any other page's.
 */
class RecognizingEngineTest {

  private static final String HEADING = "Annual Report on Water Quality";
  private static final String LEFT_1 = "Rivers in the northern district were sampled every month.";
  private static final String LEFT_2 = "Most samples met the drinking water standard in summer.";
  private static final String RIGHT_1 = "Lakes in the southern district showed more algae growth.";
  private static final String RIGHT_2 = "Warm weather and farm runoff explain most of the change.";

  private static ConversionBackend engine;

  @BeforeAll
  static void create() {
    engine = PdfBoxBackend.create(new TesseractRecognizerProvider());
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static String convert(Path pdf, Path dir, Map<String, String> options) {
    return engine.convert(Pages.input(pdf, options), StandaloneContext.in(dir)).markdown();
  }

  private static Pages.Line[] twoColumnPage() {
    return new Pages.Line[] {
      new Pages.Line(Pages.HELVETICA_BOLD, 24, 72, 100, HEADING),
      new Pages.Line(Pages.HELVETICA, 10, 72, 160, head(LEFT_1)),
      new Pages.Line(Pages.HELVETICA, 10, 72, 174, tail(LEFT_1)),
      new Pages.Line(Pages.HELVETICA, 10, 72, 202, head(LEFT_2)),
      new Pages.Line(Pages.HELVETICA, 10, 72, 216, tail(LEFT_2)),
      new Pages.Line(Pages.HELVETICA, 10, 330, 160, head(RIGHT_1)),
      new Pages.Line(Pages.HELVETICA, 10, 330, 174, tail(RIGHT_1)),
      new Pages.Line(Pages.HELVETICA, 10, 330, 202, head(RIGHT_2)),
      new Pages.Line(Pages.HELVETICA, 10, 330, 216, tail(RIGHT_2)),
    };
  }

  /** The sentence's words up to its middle: the first of its two lines. */
  private static String head(String sentence) {
    return sentence.substring(0, sentence.indexOf(' ', sentence.length() / 2));
  }

  private static String tail(String sentence) {
    return sentence.substring(sentence.indexOf(' ', sentence.length() / 2) + 1);
  }

  /** The words of a text, lower case, without punctuation. */
  private static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase().split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty())
        .toList();
  }

  /** Where the sentence's words start in the Markdown's words, or -1 when they are not there. */
  private static int find(String markdown, String sentence) {
    return String.join(" ", words(markdown)).indexOf(String.join(" ", words(sentence)));
  }

  @Test
  void aScannedTwoColumnPageConvertsWithItsHeadingAndColumnsInOrder(@TempDir Path dir) {
    BufferedImage scan = Pages.render(Pages.text(dir.resolve("src.pdf"), twoColumnPage()), 200);
    Path pdf = Pages.scan(dir.resolve("scan.pdf"), scan);

    String markdown = convert(pdf, dir, Map.of());

    assertTrue(markdown.startsWith("# "), markdown);
    assertTrue(find(markdown.lines().findFirst().orElseThrow(), HEADING) >= 0, markdown);
    int[] at = {
      find(markdown, LEFT_1),
      find(markdown, LEFT_2),
      find(markdown, RIGHT_1),
      find(markdown, RIGHT_2)
    };
    for (int position : at) {
      assertTrue(position >= 0, () -> Arrays.toString(at) + "\n" + markdown);
    }
    // Columns are read one after the other, not across.
    assertTrue(at[0] < at[1] && at[1] < at[2] && at[2] < at[3], markdown);
  }

  @Test
  void textDrawnAsOutlinesConverts(@TempDir Path dir) {
    Path pdf = Pages.outlines(dir.resolve("outlines.pdf"), twoColumnPage());

    String markdown = convert(pdf, dir, Map.of());

    assertEquals("", convert(pdf, dir, Map.of("pdfbox.ocr", "off")).strip());
    assertTrue(find(markdown, HEADING) >= 0, markdown);
    assertTrue(find(markdown, LEFT_2) >= 0, markdown);
    assertTrue(find(markdown, RIGHT_2) >= 0, markdown);
  }

  @Test
  void aTablePastedAsAnImageJoinsTheTextLayer(@TempDir Path dir) {
    String[][] rows = {
      {"Station", "Nitrate", "Phosphate"},
      {"North", "1.25", "0.031"},
      {"South", "2.40", "0.087"},
      {"East", "0.95", "0.022"},
      {"West", "1.75", "0.054"},
    };
    Pages.Line[] cells = new Pages.Line[15];
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < 3; c++) {
        cells[r * 3 + c] =
            new Pages.Line(Pages.HELVETICA, 12, 20 + 130 * c, 30 + 22 * r, rows[r][c]);
      }
    }
    // The table alone on a page, rendered, cut to its corner, and pasted into a text page.
    BufferedImage rendered = Pages.render(Pages.text(dir.resolve("table.pdf"), cells), 200);
    BufferedImage table = rendered.getSubimage(0, 0, 420 * 200 / 72, 150 * 200 / 72);
    String paragraph = "The table below lists the mean concentrations measured at each station.";
    Path pdf =
        Pages.withImage(
            dir.resolve("page.pdf"),
            table,
            72,
            200,
            420,
            150,
            new Pages.Line(Pages.HELVETICA, 11, 72, 150, paragraph));

    String markdown = convert(pdf, dir, Map.of());
    String textOnly = convert(pdf, dir, Map.of("pdfbox.ocr", "off"));

    assertEquals(1, textOnly.split("mean concentrations", -1).length - 1, textOnly);
    assertEquals(1, markdown.split("mean concentrations", -1).length - 1, markdown);
    for (String[] row : rows) {
      for (String cell : row) {
        assertTrue(markdown.contains(cell), () -> cell + " missing from\n" + markdown);
        assertTrue(!textOnly.contains(cell), () -> cell + " is in the text layer\n" + textOnly);
      }
    }
    // The recognized text follows the paragraph above it.
    assertTrue(markdown.indexOf("Station") > markdown.indexOf("mean concentrations"), markdown);
  }

  @Test
  void aPhotographAddsNothing(@TempDir Path dir) {
    Random random = new Random(42);
    BufferedImage noise = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 400; y++) {
      for (int x = 0; x < 600; x++) {
        int grey = (int) (128 + 60 * Math.sin(x / 23.0) * Math.cos(y / 17.0)) + random.nextInt(40);
        grey = Math.max(0, Math.min(255, grey));
        noise.setRGB(x, y, grey * 0x010101);
      }
    }
    Path pdf =
        Pages.withImage(
            dir.resolve("photo.pdf"),
            noise,
            72,
            200,
            300,
            200,
            new Pages.Line(Pages.HELVETICA, 11, 72, 150, "A photograph of the river at dawn."));

    assertEquals(convert(pdf, dir, Map.of("pdfbox.ocr", "off")), convert(pdf, dir, Map.of()));
  }

  @Test
  void theEngineVersionNamesTesseract() {
    assertTrue(engine.version().matches(".*\\+tesseract-\\d+\\.\\d+\\.\\d+"), engine.version());
  }

  /** The engine with Tesseract still owes the runtime everything an engine owes it. */
  @Nested
  class Contract extends BackendContract {
    @Override
    protected ConversionBackend createBackend() {
      return PdfBoxBackend.create(new TesseractRecognizerProvider());
    }
  }
}
