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

/** {@code convert} on real PDFs: output layout, failures, idempotent re-runs, JSON summary. */
class ConvertCommandTest {
  @TempDir static Path fixtures;
  static Path docs;
  static Path goodOnly;

  @TempDir Path work;

  @BeforeAll
  static void writePdfs() throws IOException {
    docs = fixtures.resolve("docs");
    TestPdf.write(docs.resolve("top.pdf"), "Top level page");
    TestPdf.write(docs.resolve("a/one.pdf"), "Alpha first page", "Alpha second page");
    TestPdf.write(docs.resolve("a/b/two.PDF"), "Bravo nested in b");
    NotAPdf.randomBytes(docs.resolve("a/bad.pdf"), 42);
    Files.writeString(docs.resolve("a/notes.txt"), "not a candidate");

    goodOnly = fixtures.resolve("good");
    TestPdf.write(goodOnly.resolve("x/first.pdf"), "First good document");
    TestPdf.write(goodOnly.resolve("second.pdf"), "Second good document", "page two");
  }

  @Test
  void writesMarkdownAtRelativePathsAndReportsTheBadFile() throws IOException {
    Path out = work.resolve("out");

    CliRunner.Result r =
        CliRunner.run("convert", docs, "--out", out, "--policy", "cpu_only", "--workers", 2);

    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(Files.readString(out.resolve("top.md")).contains("Top level page"), r.toString());
    String one = Files.readString(out.resolve("a/one.md"));
    assertTrue(one.contains("Alpha first page") && one.contains("Alpha second page"), one);
    assertTrue(Files.readString(out.resolve("a/b/two.md")).contains("Bravo nested in b"));
    assertFalse(Files.exists(out.resolve("a/bad.md")));
    assertFalse(Files.exists(out.resolve("a/notes.md")));
    assertTrue(
        r.err().contains("failed a/bad.pdf invalid_input(not_a_pdf)"),
        "progress names the bad file: " + r);
    assertTrue(r.err().contains("done a/one.pdf (2 pages)"), r.toString());
    assertFalse(r.err().contains("\r") || r.err().contains("\u001b"), "no terminal codes");
    assertTrue(r.out().contains("3 converted now, 0 converted before"), r.toString());
    assertTrue(r.out().contains("a/bad.pdf: invalid_input(not_a_pdf)"), r.toString());
    assertTrue(r.out().contains("pages: 4 (4 converted now)"), r.toString());
    assertTrue(Files.isDirectory(out.resolve(".convertalot")), "default data root");
    try (var files = Files.walk(out)) {
      assertTrue(
          files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files");
    }
  }

  @Test
  void jsonSummaryListsTheFailureWithCodeAndReason() {
    Path out = work.resolve("out");

    CliRunner.Result r =
        CliRunner.run("convert", docs, "--out", out, "--policy", "cpu_only", "--json");

    assertEquals(1, r.exitCode(), r.toString());
    JsonNode json = r.json();
    assertEquals(4, json.get("inputs").asInt());
    assertEquals(3, json.get("succeeded").asInt());
    assertEquals(3, json.get("converted").asInt());
    assertEquals(0, json.get("reused").asInt());
    assertEquals(4, json.get("pages").asInt());
    assertEquals(1, json.get("failed").size());
    JsonNode failed = json.get("failed").get(0);
    assertTrue(failed.get("file").asText().endsWith("bad.pdf"), failed.toString());
    assertEquals("invalid_input", failed.get("code").asText());
    assertEquals("not_a_pdf", failed.get("reason").asText());
    assertFalse(failed.get("message").asText().isEmpty());
    assertTrue(json.get("seconds").asDouble() > 0);
    assertTrue(json.get("pages_per_second").asDouble() > 0);
    assertEquals(out.resolve(".convertalot").toString(), json.get("data_root").asText());
    assertEquals(out.toString(), json.get("out").asText());
    assertTrue(r.err().contains("3 of 4 files succeeded"), "text summary on stderr: " + r);
  }

  @Test
  void secondRunConvertsNothingAndRewritesTheOutputs() throws IOException {
    Path out = work.resolve("out");
    Path root = work.resolve("data");
    CliRunner.Result first =
        CliRunner.run("convert", goodOnly, "--out", out, "--data-root", root, "--json");
    assertEquals(0, first.exitCode(), first.toString());
    assertEquals(2, first.json().get("converted").asInt());
    Files.delete(out.resolve("x/first.md"));

    CliRunner.Result second =
        CliRunner.run("convert", goodOnly, "--out", out, "--data-root", root, "--json");

    assertEquals(0, second.exitCode(), second.toString());
    JsonNode json = second.json();
    assertEquals(0, json.get("converted").asInt(), second.toString());
    assertEquals(2, json.get("reused").asInt());
    assertEquals(3, json.get("pages").asInt());
    assertTrue(second.err().contains("nothing new to convert"), second.toString());
    assertTrue(second.err().contains("converted before"), second.toString());
    assertTrue(Files.readString(out.resolve("x/first.md")).contains("First good document"));
    assertFalse(Files.exists(out.resolve(".convertalot")), "--data-root was used instead");
  }

  @Test
  void fileInputsGoToTheOutFolderAndSameBytesShareOneJob() throws IOException {
    Path out = work.resolve("out");
    Path copy = Files.copy(goodOnly.resolve("second.pdf"), work.resolve("copy.pdf"));

    CliRunner.Result r =
        CliRunner.run("convert", goodOnly.resolve("second.pdf"), copy, "--out", out, "--json");

    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(1, r.json().get("converted").asInt(), r.toString());
    assertEquals(1, r.json().get("reused").asInt(), r.toString());
    assertEquals(
        Files.readString(out.resolve("second.md")), Files.readString(out.resolve("copy.md")));
  }

  @Test
  void anotherNamespaceOnTheSameDataRootIsARuntimeError() {
    Path out = work.resolve("out");
    assertEquals(0, CliRunner.run("convert", goodOnly, "--out", out).exitCode());

    CliRunner.Result r = CliRunner.run("convert", goodOnly, "--out", out, "--namespace", "eval");

    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("error: data_root_conflict: "), r.toString());
    assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r);

    CliRunner.Result verbose =
        CliRunner.run("convert", goodOnly, "--out", out, "--namespace", "eval", "-v");
    assertEquals(1, verbose.exitCode(), verbose.toString());
    assertTrue(verbose.err().contains("\tat "), "--verbose prints the stack trace: " + verbose);
  }
}
