package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as a separate process, the way users run it. */
class ConvertJarIT {
  private static final long TIMEOUT_MINUTES = 3;

  @TempDir Path work;

  /** What one process returned and printed. */
  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  @Test
  void convertsGeneratedPdfsWithTheShadedJar() throws Exception {
    Path docs = work.resolve("docs");
    TestPdf.write(docs.resolve("one.pdf"), "Jar one");
    TestPdf.write(docs.resolve("deep/er/two.pdf"), "Jar two", "second page");
    Path out = work.resolve("out");

    Run r = java("convert", docs, "--out", out, "--policy", "cpu_only");

    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(Files.readString(out.resolve("one.md")).contains("Jar one"), r.toString());
    assertTrue(Files.readString(out.resolve("deep/er/two.md")).contains("second page"));
    assertTrue(r.out().contains("2 converted now"), r.toString());
    assertEquals(2, java("convert", "--out", out).exitCode(), "usage error from the jar");
    Run version = java("--version");
    assertEquals(0, version.exitCode(), version.toString());
    assertTrue(version.out().startsWith("convertalot "), version.toString());
  }

  /**
   * A PDF whose embedded font is garbage makes PDFBox's font parser log a warning per table: the
   * batch shows only its own lines unless {@code -v} asks for the libraries' (issue 15, item 12).
   */
  @Test
  void pdfboxLogsStayOffTheTerminalUnlessVerbose() throws Exception {
    Path docs = work.resolve("docs");
    Files.createDirectories(docs);
    Files.write(docs.resolve("broken-font.pdf"), brokenFontPdf());

    Run quiet = java("convert", docs, "--out", work.resolve("out"), "--policy", "cpu_only");
    assertEquals(0, quiet.exitCode(), quiet.toString());
    assertTrue(
        quiet.err().lines().noneMatch(l -> l.contains("COMMONS-LOGGING") || l.contains("\tat ")),
        quiet.toString());
    Run verbose =
        java("convert", docs, "--out", work.resolve("out2"), "--policy", "cpu_only", "-v");
    assertTrue(verbose.err().contains("TTFParser"), "-v shows them: " + verbose);
  }

  /**
   * Under the default policy on a machine without a usable GPU, the fallback to the CPU is said
   * once, in the summary, not as a warning at the start of every run; {@code -v} still logs it.
   */
  @Test
  void theDefaultPolicysCpuFallbackIsReportedInTheSummaryOnly() throws Exception {
    Path docs = work.resolve("docs");
    TestPdf.write(docs.resolve("one.pdf"), "default policy");
    Run r = java("convert", docs, "--out", work.resolve("out"));
    assertEquals(0, r.exitCode(), r.toString());
    Assumptions.assumeTrue(
        r.out().contains("ran on CPU under gpu_prefer"), "this machine has a usable GPU: " + r);
    assertTrue(r.err().lines().noneMatch(l -> l.contains("WARN")), r.toString());
    assertEquals(1, r.out().split("ran on CPU", -1).length - 1, r.toString());
    Run verbose = java("convert", docs, "--out", work.resolve("out2"), "-v");
    assertTrue(verbose.err().contains("running on CPU"), "-v logs it: " + verbose);
  }

  /** {@code --version} of the jar names the revision it was built from and its engines. */
  @Test
  void versionNamesTheGitRevisionAndTheEngines() throws Exception {
    Run version = java("--version");
    assertEquals(0, version.exitCode(), version.toString());
    assertTrue(
        version.out().matches("(?s)convertalot \\S+ \\(git [0-9a-f]{7,}\\)\n.*"),
        version.toString());
    assertTrue(version.out().contains("\nengine pdfbox "), version.toString());
  }

  /**
   * A failing file's jobs, through the jar on a file data root: listed with their reason, retried
   * as a new job, and pruned.
   */
  @Test
  void jobsListShowRetryAndPruneFromTheJar() throws Exception {
    Path docs = work.resolve("docs");
    TestPdf.write(docs.resolve("good.pdf"), "good");
    NotAPdf.randomBytes(docs.resolve("bad.pdf"), 11);
    Path out = work.resolve("out");
    Path root = out.resolve(".convertalot");
    assertEquals(1, java("convert", docs, "--out", out, "--policy", "cpu_only").exitCode());

    Run failed = java("jobs", "list", "--state", "failed", "--data-root", root, "--json");
    assertEquals(0, failed.exitCode(), failed.toString());
    JsonNode job = new ObjectMapper().readTree(failed.out()).get("jobs").get(0);
    String id = job.get("id").asText();
    assertEquals("invalid_input", job.at("/error/code").asText(), failed.toString());
    Run show = java("jobs", "show", id, "--data-root", root);
    assertEquals(0, show.exitCode(), show.toString());
    assertTrue(show.out().contains("error.code: invalid_input"), show.toString());
    Run retry = java("jobs", "retry", id, "--data-root", root);
    assertEquals(0, retry.exitCode(), retry.toString());
    assertTrue(retry.out().contains(id + " -> "), retry.toString());
    Run prune =
        java("jobs", "prune", "--older-than", "0s", "--state", "failed", "--data-root", root);
    assertEquals(0, prune.exitCode(), prune.toString());
    assertTrue(prune.out().startsWith("pruned 1 job "), prune.toString());
    Run left = java("jobs", "list", "--data-root", root);
    assertEquals(0, left.exitCode(), left.toString());
    assertTrue(left.out().contains("QUEUED") && left.out().contains("SUCCEEDED"), left.toString());
    assertTrue(!left.out().contains("FAILED"), left.toString());
  }

  /**
   * {@code --pages} through the jar: each file converts its selected pages, a file without any of
   * them fails with its reason, and the selection stays with the job (show, retry).
   */
  @Test
  void pagesSelectTheSamePagesOfEveryFileAndStayWithTheirJobs() throws Exception {
    Path docs = work.resolve("docs");
    TestPdf.write(docs.resolve("long.pdf"), "Long alpha", "Long bravo", "Long charlie");
    TestPdf.write(docs.resolve("short.pdf"), "Short alpha");
    Path out = work.resolve("out");
    Path root = out.resolve(".convertalot");

    Run convert = java("convert", docs, "--out", out, "--policy", "cpu_only", "--pages", "2-");

    assertEquals(1, convert.exitCode(), convert.toString());
    String markdown = Files.readString(out.resolve("long.md"));
    assertTrue(markdown.contains("Long bravo") && markdown.contains("Long charlie"), markdown);
    assertFalse(markdown.contains("Long alpha"), markdown);
    assertFalse(Files.exists(out.resolve("short.md")));
    assertTrue(convert.err().contains("pages_out_of_range"), convert.toString());
    Run failed = java("jobs", "list", "--state", "failed", "--data-root", root, "--json");
    JsonNode job = new ObjectMapper().readTree(failed.out()).get("jobs").get(0);
    assertEquals("invalid_request", job.at("/error/code").asText(), failed.toString());
    assertEquals("2-", job.get("pages").asText(), failed.toString());
    Run listed = java("jobs", "list", "--state", "failed", "--data-root", root);
    assertTrue(listed.out().contains("short.pdf (pages 2-)  invalid_request: "), listed.out());
    Run retry = java("jobs", "retry", job.get("id").asText(), "--data-root", root, "--json");
    assertEquals(0, retry.exitCode(), retry.toString());
    Run again = java("jobs", "list", "--state", "queued", "--data-root", root, "--json");
    assertEquals(
        "2-", new ObjectMapper().readTree(again.out()).at("/jobs/0/pages").asText(), again.out());
  }

  /** One page of text in a TrueType font whose FontFile2 stream is not a font. */
  private static byte[] brokenFontPdf() {
    String content = "BT /F1 12 Tf 72 720 Td (Hello) Tj ET";
    String garbage = "garbage-not-a-font-".repeat(8);
    List<String> objects =
        List.of(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0"
                + " R >> >> /Contents 4 0 R >>",
            "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
            "<< /Type /Font /Subtype /TrueType /BaseFont /Broken /FontDescriptor 6 0 R >>",
            "<< /Type /FontDescriptor /FontName /Broken /Flags 32 /FontBBox [0 0 1000 1000]"
                + " /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2"
                + " 7 0 R >>",
            "<< /Length " + garbage.length() + " >>\nstream\n" + garbage + "\nendstream");
    StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(pdf.length());
      pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
    }
    int xref = pdf.length();
    pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
    for (int offset : offsets) {
      pdf.append(String.format("%010d 00000 n \n", offset));
    }
    pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\n");
    pdf.append("startxref\n").append(xref).append("\n%%EOF\n");
    return pdf.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  @Test
  void convertsTheBenchmarkSetAndReusesItOnASecondRun() throws Exception {
    Path pdfs =
        Path.of(System.getProperty("convertalot.bench.dir", "")).resolve("dpbench-dev/pdfs");
    if (!Files.isDirectory(pdfs)) {
      Assumptions.assumeTrue(false, pdfs + " not found: set convertalot.bench.dir");
    }
    long expected;
    try (Stream<Path> files = Files.list(pdfs)) {
      expected = files.filter(PdfFinder::isPdfName).count();
    }
    Path out = work.resolve("bench-out");

    Run first = java("convert", pdfs, "--out", out, "--policy", "cpu_only", "--json");

    assertEquals(0, first.exitCode(), first.toString());
    JsonNode summary = new ObjectMapper().readTree(first.out());
    assertEquals(expected, summary.get("converted").asLong(), first.out());
    assertEquals(expected, countMarkdown(out), "one Markdown file per PDF");
    System.out.printf(
        "dpbench-dev: %d files, %d pages in %.1f s = %.2f pages/s (cpu_only, %d cores)%n",
        summary.get("inputs").asLong(),
        summary.get("pages").asLong(),
        summary.get("seconds").asDouble(),
        summary.get("pages_per_second").asDouble(),
        Runtime.getRuntime().availableProcessors());

    Run verify = java("verify", "--data-root", out.resolve(".convertalot"));
    assertEquals(0, verify.exitCode(), verify.toString());
    assertEquals(
        "verified " + expected + " jobs, " + expected + " artifacts: OK", verify.out().strip());

    Run second = java("convert", pdfs, "--out", out, "--policy", "cpu_only", "--json");
    assertEquals(0, second.exitCode(), second.toString());
    JsonNode again = new ObjectMapper().readTree(second.out());
    assertEquals(0, again.get("converted").asInt(), second.out());
    assertEquals(expected, again.get("reused").asLong(), second.out());
  }

  private static long countMarkdown(Path out) throws IOException {
    try (Stream<Path> files = Files.walk(out)) {
      // Every .md under the output folder, the data root inside it included: the store's
      // artifacts must not look like extra Markdown files.
      return files.filter(p -> p.getFileName().toString().endsWith(".md")).count();
    }
  }

  private Run java(Object... args) throws IOException, InterruptedException {
    List<String> command = Processes.javaJar(args);
    // Files instead of pipes: a full pipe buffer can never block the child.
    Path stdout = Files.createTempFile(work, "stdout", ".txt");
    Path stderr = Files.createTempFile(work, "stderr", ".txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command + "\n" + Files.readString(stderr));
    }
    return new Run(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }
}
