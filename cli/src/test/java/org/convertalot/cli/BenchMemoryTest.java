package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.convertalot.testkit.ChildJvm;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 5: a 1,000-page PDF converts through {@code bench} in a JVM limited to a 512 MiB
 * heap, and the report's peak heap stays below it. The child JVM runs the CLI's main class on this
 * JVM's class path; its figures are printed for docs/benchmarks/README.md.
 */
class BenchMemoryTest {
  static final int PAGES = 1000;
  static final long HEAP_LIMIT = 512L * 1024 * 1024;
  private static final int LINES = 30;

  @TempDir Path work;

  /** A Letter page per page number, a heading and 30 lines of text that name the page. */
  static Path writeLargePdf(Path file, int pages) {
    TestPdf.Builder b = TestPdf.builder();
    for (int p = 1; p <= pages; p++) {
      b.page()
          .text(TestPdf.Font.HELVETICA_BOLD, 16, 72, 72, "Section " + p + " of the memory check");
      for (int line = 1; line <= LINES; line++) {
        b.text(
            TestPdf.Font.HELVETICA,
            10,
            72,
            100 + line * 18,
            "Page "
                + p
                + ", line "
                + line
                + ": the quick brown fox jumps over dog number "
                + (p * LINES + line));
      }
    }
    return b.write(file);
  }

  @Test
  void aThousandPagesConvertUnderA512MiBHeap() throws IOException, InterruptedException {
    Path corpus = work.resolve("corpus");
    writeLargePdf(corpus.resolve("large.pdf"), PAGES);
    Path json = work.resolve("bench.json");
    List<String> command = new ArrayList<>(ChildJvm.command(List.of("-Xmx512m"), Main.class));
    command.addAll(
        List.of(
            "bench",
            "--corpus",
            corpus.toString(),
            "--policy",
            "cpu_only",
            "--engine",
            "pdfbox",
            "--runs",
            "1",
            "--warmup",
            "0",
            "--workers",
            "1",
            "--json",
            json.toString()));
    Path log = work.resolve("child.log");
    long start = System.nanoTime();
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!child.waitFor(5, TimeUnit.MINUTES)) {
      child.destroyForcibly();
      throw new AssertionError("bench did not finish in 5 minutes");
    }
    double wall = (System.nanoTime() - start) / 1e9;
    String output = java.nio.file.Files.readString(log);
    assertEquals(0, child.exitValue(), output);

    JsonNode report = new ObjectMapper().readTree(json.toFile());
    JsonNode s = report.get("summary");
    assertEquals(1, s.get("succeeded").asInt(), output);
    assertEquals(PAGES, s.get("pages").asInt(), output);
    assertTrue(report.at("/machine/max_heap_bytes").asLong() <= HEAP_LIMIT, report.toString());
    long heap = s.get("peak_heap_bytes").asLong();
    assertTrue(heap > 0 && heap < HEAP_LIMIT, "peak heap " + heap);
    System.out.printf(
        Locale.ROOT,
        "bench memory check: %d pages (%.1f MiB PDF), peak heap %.1f MiB, peak RSS %s MiB, conversion %.2f s,"
            + " cpu %.2f s, gc %d (%d ms), child JVM wall %.1f s%n",
        PAGES,
        report.at("/settings/corpus_bytes").asLong() / 1048576.0,
        heap / 1048576.0,
        s.get("peak_rss_bytes").isNull()
            ? "unknown"
            : String.format(Locale.ROOT, "%.1f", s.get("peak_rss_bytes").asLong() / 1048576.0),
        s.get("seconds").asDouble(),
        s.get("cpu_seconds").asDouble(),
        s.at("/gc/count").asLong(),
        s.at("/gc/time_ms").asLong(),
        wall);
  }
}
