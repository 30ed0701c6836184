package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan converted with recognition off yields no text: the run succeeds, and the progress line,
 * the summary and its JSON say which page came out empty and why, instead of a silent success.
 */
class PagesWithoutTextCliTest {
  @TempDir Path work;

  private Path scans() throws Exception {
    byte[] grey = new byte[64 * 64];
    Arrays.fill(grey, (byte) 60);
    Path docs = Files.createDirectories(work.resolve("docs"));
    Files.write(
        docs.resolve("scan.pdf"),
        TestPdf.builder()
            .page()
            .text(TestPdf.Font.HELVETICA, 12, 72, 100, "A cover page with text.")
            .page()
            .image(72, 72, 400, 500, 64, 64, grey)
            .toBytes());
    return docs;
  }

  @Test
  void anEmptyPageIsFlaggedInTheProgressTheSummaryAndTheJson() throws Exception {
    Path docs = scans();
    Object[] args = {
      "convert",
      docs,
      "--out",
      work.resolve("out"),
      "--data-root",
      work.resolve("root"),
      "--policy",
      "cpu_only",
      "--option",
      "pdfbox.ocr=off"
    };

    CliRunner.Result r = CliRunner.run(args);

    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.err().contains("done scan.pdf (2 pages, warning pages_without_text on page 2)"),
        r.toString());
    assertTrue(
        r.out().contains("  scan.pdf: pages_without_text on page 2: page 2 yields no text"),
        r.toString());

    Object[] json = Arrays.copyOf(args, args.length + 1);
    json[args.length] = "--json";
    json[3] = work.resolve("out-json");
    JsonNode warning = CliRunner.run(json).json().get("warnings").get(0);
    assertEquals("pages_without_text", warning.get("code").asText());
    assertEquals(2, warning.get("pages").get(0).asInt());
  }
}
