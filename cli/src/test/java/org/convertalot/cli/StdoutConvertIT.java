package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar converting one PDF to standard output: from a file without {@code --out}, and from
 * standard input with {@code -}; only Markdown on stdout, and no data root left behind.
 */
class StdoutConvertIT {
  @TempDir Path dir;

  /** Output, error output and exit code of one run, with {@code stdin} as its input. */
  private record Run(int exit, String out, String err) {}

  private Run run(Path stdin, Object... args) throws Exception {
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(Processes.javaJar(args))
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    if (stdin != null) {
      builder.redirectInput(stdin.toFile());
    }
    Process p = builder.start();
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "timed out");
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private List<String> leftInWorkingFolder() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> !n.endsWith(".txt") && !n.endsWith(".pdf"))
          .toList();
    }
  }

  @Test
  void aFileWithoutOutGoesToStdoutAndStdinWorksWithDash() throws Exception {
    Path pdf = TestPdf.write(dir.resolve("one.pdf"), "Straight to standard output");

    Run fromFile = run(null, "convert", pdf, "--policy", "cpu_only");
    Run fromStdin = run(pdf, "convert", "-", "--out", "-", "--policy", "cpu_only");

    for (Run r : List.of(fromFile, fromStdin)) {
      assertEquals(0, r.exit(), r.err());
      assertEquals("Straight to standard output\n", r.out(), r.err());
      assertFalse(r.err().contains("Straight to standard output"), r.err());
    }
    assertEquals(List.of(), leftInWorkingFolder(), "the private data root is deleted");
  }

  @Test
  void pagesPickWhatReachesStdoutAndMalformedPagesAreAUsageError() throws Exception {
    Path pdf = TestPdf.write(dir.resolve("three.pdf"), "Page alpha", "Page bravo", "Page charlie");

    Run some = run(null, "convert", pdf, "--policy", "cpu_only", "--pages", "3,1");
    Run malformed = run(null, "convert", pdf, "--policy", "cpu_only", "--pages", "2-1");

    assertEquals(0, some.exit(), some.err());
    assertTrue(
        some.out().contains("Page alpha") && some.out().contains("Page charlie"), some.out());
    assertFalse(some.out().contains("Page bravo"), some.out());
    assertEquals(2, malformed.exit(), malformed.err());
    assertTrue(malformed.err().contains("such as 1,3,5-7"), malformed.err());
    assertEquals("", malformed.out());
  }

  @Test
  void anEncryptedPdfOpensWithAPasswordFromAFile() throws Exception {
    Path locked = InvalidInputJobsTest.encrypted(dir.resolve("locked.pdf"));
    Path passwords = Files.writeString(dir.resolve("passwords.txt"), "not-it\nuser-secret\n");

    Run without = run(null, "convert", locked, "--policy", "cpu_only");
    Run with = run(null, "convert", locked, "--policy", "cpu_only", "--password-file", passwords);

    assertEquals(1, without.exit(), without.err());
    assertTrue(without.err().contains("encrypted"), without.err());
    assertEquals(0, with.exit(), with.err());
    assertEquals("secret text\n", with.out(), with.err());
    assertFalse(with.err().contains("user-secret"), with.err());
  }

  @Test
  void severalFilesWithoutOutAreAUsageError() throws Exception {
    Path a = TestPdf.write(dir.resolve("a.pdf"), "A");
    Path b = TestPdf.write(dir.resolve("b.pdf"), "B");

    Run r = run(null, "convert", a, b);

    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("without --out, convert takes one PDF file"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void anUnknownOptionIsAUsageErrorAsInTheBatchForm() throws Exception {
    Path pdf = TestPdf.write(dir.resolve("opt.pdf"), "Options");

    Run r = run(null, "convert", pdf, "--option", "pdfbox.no_such_option=1");

    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("Engine options:"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void aFailedConversionSaysWhyOnStderrAndExitsOne() throws Exception {
    Path notPdf = Files.writeString(dir.resolve("not.pdf"), "plain text");

    Run r = run(null, "convert", notPdf, "--policy", "cpu_only");

    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("invalid_input"), r.err());
    assertEquals("", r.out());
  }
}
