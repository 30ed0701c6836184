package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert} on a PDF whose second page has a garbled text layer, beside a clean one: the
 * progress line, the summary and the JSON name the page; a re-run that reads the result back from
 * the data root still does. Recognition is switched off, so the outcome does not depend on whether
 * Tesseract is installed.
 */
class GarbledTextCliTest {
  @TempDir static Path fixtures;
  static Path docs;

  @TempDir Path work;

  @BeforeAll
  static void writePdfs() throws IOException {
    docs = fixtures.resolve("docs");
    GarbledPdf.write(docs.resolve("garbled.pdf"));
    TestPdf.write(docs.resolve("clean.pdf"), "A clean page");
  }

  private CliRunner.Result convert(Path out, Path root, String... more) {
    Object[] args = {
      "convert",
      docs,
      "--out",
      out,
      "--data-root",
      root,
      "--policy",
      "cpu_only",
      "--option",
      "pdfbox.ocr=off"
    };
    Object[] all = new Object[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRunner.run(all);
  }

  @Test
  void progressAndSummaryNameTheGarbledPageAndARerunStillDoes() throws IOException {
    Path out = work.resolve("out");
    Path root = work.resolve("root");

    CliRunner.Result r = convert(out, root);

    assertEquals(0, r.exitCode(), "a warning is no failure: " + r);
    assertTrue(
        r.err().contains("done garbled.pdf (2 pages, warning garbled_text_layer on page 2)"),
        r.toString());
    assertTrue(r.err().contains("done clean.pdf (1 page)"), r.toString());
    assertTrue(r.out().contains("warnings (converted, but check these pages):"), r.toString());
    assertTrue(
        r.out().contains("  garbled.pdf: garbled_text_layer on page 2: the text layer of page 2"),
        r.toString());
    assertFalse(r.out().contains("clean.pdf: garbled_text_layer"), r.toString());
    String markdown = Files.readString(out.resolve("garbled.md"));
    assertTrue(markdown.contains(GarbledPdf.CLEAN_TEXT), markdown);
    assertTrue(markdown.codePoints().noneMatch(cp -> cp >= 0xE000 && cp <= 0xF8FF), markdown);

    CliRunner.Result again = convert(work.resolve("again"), root);

    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(
        again
            .err()
            .contains(
                "done garbled.pdf (2 pages, converted before, warning garbled_text_layer on page"
                    + " 2)"),
        again.toString());
  }

  @Test
  void theJsonSummaryListsTheWarningWithItsPages() {
    CliRunner.Result r = convert(work.resolve("out"), work.resolve("root"), "--json");

    assertEquals(0, r.exitCode(), r.toString());
    JsonNode warnings = r.json().get("warnings");
    assertEquals(1, warnings.size(), warnings.toString());
    JsonNode w = warnings.get(0);
    assertTrue(w.get("file").asText().endsWith("garbled.pdf"), w.toString());
    assertEquals("garbled_text_layer", w.get("code").asText());
    assertEquals(1, w.get("pages").size());
    assertEquals(2, w.get("pages").get(0).asInt());
    assertTrue(w.get("message").asText().contains("mostly unreadable"), w.toString());
  }
}
