package org.convertalot.backend.pdfbox.internal.markdown;

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

/** Larger labels set side by side, row after row, are a table's cells, not headings. */
class SideBySideLabelsTest {

  @TempDir Path dir;

  private static final String BODY =
      "Body text in the small size runs along here and says what each stage does.";

  /** A page of body text in 9 pt and the given labels in 12 pt at (x, y). */
  private String page(String name, Object... labels) {
    TestPdf.Builder builder = TestPdf.builder(PageSize.A4).page();
    for (int i = 0; i < 8; i++) {
      builder.text(Font.HELVETICA, 9, 72, 400 + 12 * i, BODY);
    }
    for (int i = 0; i < labels.length; i += 3) {
      float x = (Float) labels[i];
      float y = (Float) labels[i + 1];
      builder.text(Font.HELVETICA, 12, x, y, (String) labels[i + 2]);
      builder.text(Font.HELVETICA, 9, 480, y, "Details of this stage");
    }
    return EngineFixtures.markdown(builder, dir, name);
  }

  @Test
  void labelsSideBySideInTwoRowsAndTheirColumnAreNotHeadings() {
    String markdown =
        page(
            "labels.pdf",
            72f,
            100f,
            "Project Creation",
            220f,
            100f,
            "Project Management",
            72f,
            160f,
            "Data Labeling",
            220f,
            160f,
            "Data Storage",
            220f,
            220f,
            "Model Training");

    assertFalse(markdown.contains("#"), markdown);
    assertTrue(markdown.contains("Model Training"), markdown);
  }

  @Test
  void headingsLevelWithEachOtherOnOneRowStayHeadings() {
    // A slide's three column headings: side by side once, not row after row.
    String markdown =
        page(
            "columns.pdf",
            72f,
            100f,
            "Beauty Commerce",
            220f,
            100f,
            "Subscription Platform",
            368f,
            100f,
            "Education Content");

    assertEquals(3, markdown.lines().filter(line -> line.startsWith("#")).count(), markdown);
  }
}
