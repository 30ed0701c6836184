package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every usage error exits 2, says what is wrong, and converts or creates nothing. */
class UsageErrorTest {
  @TempDir Path work;
  Path docs;
  Path out;

  @BeforeEach
  void pdfs() {
    docs = work.resolve("docs");
    TestPdf.write(docs.resolve("a.pdf"), "A");
    out = work.resolve("out");
  }

  private CliRunner.Result usageError(Object... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.out().isEmpty(), "nothing on stdout: " + r);
    assertFalse(Files.exists(out), "nothing converted: " + r);
    return r;
  }

  @Test
  void missingOut() {
    assertTrue(usageError("convert", docs).err().contains("--out"));
  }

  @Test
  void unknownPolicy() {
    CliRunner.Result r = usageError("convert", docs, "--out", out, "--policy", "gpu_maybe");
    assertTrue(r.err().contains("gpu_maybe"), r.toString());
    assertTrue(r.err().contains("cpu_only, gpu_prefer, gpu_required"), r.toString());
  }

  @Test
  void missingInput() {
    CliRunner.Result r = usageError("convert", docs, work.resolve("nope.pdf"), "--out", out);
    assertTrue(r.err().contains("input not found"), r.toString());
  }

  @Test
  void folderWithoutPdfs() throws IOException {
    Path empty = Files.createDirectories(work.resolve("empty"));
    Files.writeString(empty.resolve("readme.txt"), "no pdf here");
    assertTrue(usageError("convert", empty, "--out", out).err().contains("no PDF files found"));
  }

  @Test
  void twoInputsWithOneOutput() {
    Path other = TestPdf.write(work.resolve("other/a.pdf"), "Another A");
    CliRunner.Result r = usageError("convert", docs.resolve("a.pdf"), other, "--out", out);
    assertTrue(r.err().contains("would both be written to"), r.toString());
  }

  @Test
  void badWorkerCountEngineAndNamespace() {
    usageError("convert", docs, "--out", out, "--workers", 0);
    usageError("convert", docs, "--out", out, "--workers", "many");
    usageError("convert", docs, "--out", out, "--engine", "Not An Id");
    usageError("convert", docs, "--out", out, "--namespace", "UPPER");
    usageError("convert", docs, "--out", out, "--no-such-option");
  }

  @Test
  void unknownEngineIsRefusedBeforeAnySubmit() throws IOException {
    CliRunner.Result r = CliRunner.run("convert", docs, "--out", out, "--engine", "nosuch");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(
        r.err().contains("unknown engine 'nosuch'; available: docling, pdfbox"), r.toString());
    assertFalse(Files.exists(out.resolve("a.md")));
  }

  @Test
  void statusAndVerifyNeverCreateAMissingDataRoot() {
    Path missing = work.resolve("no-such-root");
    CliRunner.Result status = usageError("status", "--data-root", missing);
    assertTrue(status.err().contains("data root not found"), status.toString());
    usageError("status", "--data-root", missing, "--json");
    usageError("verify", "--data-root", missing);
    usageError("verify");
    assertFalse(Files.exists(missing));
  }

  @Test
  void anEmptyFolderIsNotADataRoot() throws IOException {
    Path empty = Files.createDirectories(work.resolve("empty"));
    usageError("verify", "--data-root", empty);
    try (var entries = Files.list(empty)) {
      assertEquals(0, entries.count(), "nothing created in " + empty);
    }
  }

  @Test
  void noSubcommand() {
    usageError();
  }

  @Test
  void versionAndHelpExitZero() {
    CliRunner.Result version = CliRunner.run("--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.out().startsWith("convertalot "), version.toString());
    assertFalse(version.out().contains("${"), "version was filtered: " + version);
    CliRunner.Result help = CliRunner.run("convert", "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("Exit codes"), help.toString());
  }
}
