package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.Policy;
import org.convertalot.core.ConvertALot;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, compiled and run. {@link #quickStart} must stay identical to the
 * README's Java block (the test compares them), so the README cannot drift from working code.
 */
class ReadmeQuickStartTest {
  private static final String BEGIN = "// README quick start begins";
  private static final String END = "// README quick start ends";

  @SuppressWarnings("try")
  private static void quickStart(PrintStream out) {
    // README quick start begins
    Path data = Path.of("convertalot-data");
    try (ConversionRuntime runtime = ConvertALot.builder().dataRoot(data).build()) {
      ConversionRequest request =
          ConversionRequest.builder(Path.of("report.pdf")).policy(Policy.CPU_ONLY).build();
      ConversionResult result = runtime.convert(request);
      out.println(result.markdown());
      out.println(result.pages() + " pages on " + result.accelerationUsed().code());
    }
    // README quick start ends
  }

  @Test
  void theReadmeShowsExactlyTheCodeThisTestRuns() throws Exception {
    Path module = Path.of(System.getProperty("convertalot.module.dir", "."));
    Path readme = module.resolve("../README.md");
    String text = Files.readString(readme);
    int start = text.indexOf("## Quick start");
    int open = text.indexOf("```java\n", start) + "```java\n".length();
    int close = text.indexOf("```", open);
    // The block opens with its imports (ReadmeModulePathTest and ReadmeConsumerIT compile them).
    List<String> readmeLines =
        strip(
            text.substring(open, close)
                .lines()
                .filter(l -> !l.startsWith("import "))
                .collect(Collectors.toList()));

    Path self = module.resolve("src/test/java/org/convertalot/cli/ReadmeQuickStartTest.java");
    String source = Files.readString(self);
    String body =
        source.substring(source.lastIndexOf(BEGIN) + BEGIN.length(), source.lastIndexOf(END));
    List<String> testLines =
        strip(
            body.lines()
                .map(l -> l.replace("out.println", "System.out.println"))
                .collect(Collectors.toList()));
    assertEquals(testLines, readmeLines);
  }

  @Test
  void theQuickStartConvertsAPdf() throws Exception {
    // Surefire runs this module's tests in target/test-work, so the snippet's relative paths land
    // there, as they would in a user's working directory.
    Path cwd = Path.of("").toAbsolutePath();
    assertTrue(cwd.endsWith(Path.of("target", "test-work")), "working directory " + cwd);
    deleteRecursively(cwd.resolve("convertalot-data"));
    TestPdf.write(cwd.resolve("report.pdf"), "Quarterly report", "page two");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      quickStart(out);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Quarterly report"), printed);
    assertTrue(printed.contains("2 pages on cpu"), printed);
    assertTrue(Files.isDirectory(cwd.resolve("convertalot-data/jobs")));
  }

  private static void deleteRecursively(Path p) throws java.io.IOException {
    if (Files.exists(p)) {
      try (var walk = Files.walk(p)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static List<String> strip(List<String> lines) {
    return lines.stream().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList());
  }
}
