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
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} on real PDFs through the real runtime: the report's shape, the consistency of its
 * numbers (never their absolute values), its determinism, ground truth scoring, usage errors.
 */
class BenchCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Pages of the corpus: alpha 2, bravo 1, nested/charlie 1. */
  private static final int CORPUS_PAGES = 4;

  private static final int CORPUS_DOCS = 3;

  private static final List<String> TOP =
      List.of("format", "settings", "machine", "engine", "engines", "runs", "summary", "quality");
  private static final List<String> SETTINGS =
      List.of(
          "corpus",
          "documents",
          "corpus_bytes",
          "engine",
          "policy",
          "options",
          "runs",
          "warmup",
          "workers",
          "ground_truth");
  private static final List<String> MACHINE =
      List.of("cores", "memory_bytes", "max_heap_bytes", "os", "jvm");
  private static final List<String> ENGINE =
      List.of("id", "version", "acceleration_used", "device", "device_name");
  private static final List<String> FIGURES =
      List.of(
          "documents",
          "succeeded",
          "failed",
          "pages",
          "seconds",
          "startup_ms",
          "docs_per_second",
          "pages_per_second",
          "latency_ms",
          "wall_latency_ms",
          "cpu_seconds",
          "peak_heap_bytes",
          "peak_rss_bytes",
          "gc");
  private static final List<String> DISTRIBUTION =
      List.of("count", "p50", "p95", "p99", "max", "mean");

  @TempDir static Path fixtures;
  static Path corpus;

  @TempDir Path work;

  @BeforeAll
  static void writeCorpus() {
    corpus = fixtures.resolve("corpus");
    TestPdf.write(corpus.resolve("alpha.pdf"), "Alpha first page", "Alpha second page");
    TestPdf.write(corpus.resolve("bravo.pdf"), "Bravo only page");
    TestPdf.write(corpus.resolve("nested/charlie.pdf"), "Charlie in a folder");
  }

  private CliRunner.Result bench(Path json, Object... more) {
    List<Object> args = new ArrayList<>();
    args.addAll(List.of("bench", "--corpus", corpus, "--policy", "cpu_only", "--engine", "pdfbox"));
    args.addAll(List.of("--workers", 2, "--runs", 2, "--warmup", 1));
    if (json != null) {
      args.addAll(List.of("--json", json));
    }
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray());
  }

  private static JsonNode read(Path json) throws IOException {
    return MAPPER.readTree(json.toFile());
  }

  @Test
  void reportHasEveryKeyAndConsistentNumbers() throws IOException {
    Path json = work.resolve("reports/bench.json");
    CliRunner.Result r = bench(json);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("report: " + json.toAbsolutePath()), r.toString());
    assertTrue(r.err().contains("warmup 1/1: 3 documents, 0 failed"), r.toString());
    assertTrue(r.err().contains("run 2/2: 3 documents, 0 failed"), r.toString());
    JsonNode root = read(json);

    assertEquals(TOP, keys(root));
    assertEquals(BenchReport.FORMAT, root.get("format").asText());
    JsonNode settings = root.get("settings");
    assertEquals(SETTINGS, keys(settings));
    assertEquals(CORPUS_DOCS, settings.get("documents").asInt());
    assertTrue(settings.get("corpus_bytes").asLong() > 0);
    assertEquals("pdfbox", settings.get("engine").asText());
    assertEquals("cpu_only", settings.get("policy").asText());
    assertTrue(settings.get("options").isObject() && settings.get("options").isEmpty());
    assertEquals(2, settings.get("runs").asInt());
    assertEquals(1, settings.get("warmup").asInt());
    assertEquals(2, settings.get("workers").asInt());
    assertTrue(settings.get("ground_truth").isNull());

    JsonNode machine = root.get("machine");
    assertEquals(MACHINE, keys(machine));
    assertTrue(machine.get("cores").isInt() && machine.get("cores").asInt() >= 1);
    assertTrue(machine.get("memory_bytes").isIntegralNumber());
    assertTrue(machine.get("max_heap_bytes").isIntegralNumber());
    assertEquals(List.of("name", "version", "arch"), keys(machine.get("os")));
    assertEquals(List.of("vendor", "version", "name"), keys(machine.get("jvm")));
    assertEquals(Runtime.version().toString(), machine.at("/jvm/version").asText());

    JsonNode engine = root.get("engine");
    assertEquals(ENGINE, keys(engine));
    assertEquals("pdfbox", engine.get("id").asText());
    assertFalse(engine.get("version").asText().isEmpty());
    assertEquals("cpu", engine.get("acceleration_used").asText());
    assertEquals("cpu", engine.get("device").asText());
    JsonNode engines = root.get("engines");
    assertEquals(1, engines.size(), engines.toString());
    assertEquals(CORPUS_DOCS * 2, engines.get(0).get("documents").asInt());

    JsonNode runs = root.get("runs");
    assertEquals(2, runs.size());
    for (int i = 0; i < runs.size(); i++) {
      JsonNode run = runs.get(i);
      List<String> expected = new ArrayList<>(List.of("run"));
      expected.addAll(FIGURES);
      expected.add("failures");
      assertEquals(expected, keys(run));
      assertEquals(i + 1, run.get("run").asInt());
      assertEquals(CORPUS_DOCS, run.get("documents").asInt());
      assertEquals(CORPUS_DOCS, run.get("succeeded").asInt());
      assertEquals(CORPUS_PAGES, run.get("pages").asLong());
      assertEquals(0, run.get("failures").size());
      checkFigures(run);
    }

    JsonNode summary = root.get("summary");
    List<String> expected = new ArrayList<>(List.of("runs"));
    expected.addAll(FIGURES);
    assertEquals(expected, keys(summary));
    assertEquals(2, summary.get("runs").asInt());
    assertEquals(CORPUS_DOCS * 2, summary.get("documents").asInt());
    assertEquals(CORPUS_PAGES * 2, summary.get("pages").asLong());
    checkFigures(summary);
    checkSummaryOfRuns(summary, runs);
    assertTrue(root.get("quality").isNull());
  }

  /** The figures of a pass or of the summary agree with each other. */
  private static void checkFigures(JsonNode n) {
    int documents = n.get("documents").asInt();
    int succeeded = n.get("succeeded").asInt();
    assertEquals(documents, succeeded + n.get("failed").asInt());
    double seconds = n.get("seconds").asDouble();
    assertTrue(seconds > 0, n.toString());
    assertTrue(n.get("startup_ms").asDouble() >= 0);
    assertClose(documents / seconds, n.get("docs_per_second").asDouble(), n);
    assertClose(n.get("pages").asLong() / seconds, n.get("pages_per_second").asDouble(), n);
    checkDistribution(n.get("latency_ms"), succeeded);
    checkDistribution(n.get("wall_latency_ms"), documents);
    assertTrue(
        n.get("cpu_seconds").isNumber() && n.get("cpu_seconds").asDouble() > 0, n.toString());
    assertTrue(n.get("peak_heap_bytes").isIntegralNumber());
    assertTrue(n.get("peak_heap_bytes").asLong() > 0);
    JsonNode rss = n.get("peak_rss_bytes");
    assertEquals(Files.exists(Path.of("/proc/self/status")), !rss.isNull(), n.toString());
    assertTrue(rss.isNull() || rss.asLong() > 0);
    assertEquals(List.of("count", "time_ms"), keys(n.get("gc")));
    assertTrue(n.at("/gc/count").isIntegralNumber() && n.at("/gc/count").asLong() >= 0);
    assertTrue(n.at("/gc/time_ms").isIntegralNumber() && n.at("/gc/time_ms").asLong() >= 0);
  }

  private static void checkDistribution(JsonNode d, int count) {
    assertEquals(DISTRIBUTION, keys(d));
    assertEquals(count, d.get("count").asInt());
    double p50 = d.get("p50").asDouble();
    double p95 = d.get("p95").asDouble();
    double p99 = d.get("p99").asDouble();
    double max = d.get("max").asDouble();
    double mean = d.get("mean").asDouble();
    for (String key : DISTRIBUTION.subList(1, DISTRIBUTION.size())) {
      assertTrue(d.get(key).isNumber(), d.toString());
    }
    assertTrue(0 <= p50 && p50 <= p95 && p95 <= p99 && p99 <= max, d.toString());
    assertTrue(mean <= max + 1e-3 && mean >= 0, d.toString());
  }

  /** Counts and times of the summary are the sums of the runs', peaks their maximum. */
  private static void checkSummaryOfRuns(JsonNode summary, JsonNode runs) {
    for (String key : List.of("documents", "succeeded", "failed", "pages")) {
      long sum = 0;
      for (JsonNode run : runs) {
        sum += run.get(key).asLong();
      }
      assertEquals(sum, summary.get(key).asLong(), key);
    }
    double seconds = 0;
    double cpu = 0;
    long gcCount = 0;
    long gcTime = 0;
    long heap = 0;
    long rss = 0;
    double latencyMax = 0;
    int latencyCount = 0;
    for (JsonNode run : runs) {
      seconds += run.get("seconds").asDouble();
      cpu += run.get("cpu_seconds").asDouble();
      gcCount += run.at("/gc/count").asLong();
      gcTime += run.at("/gc/time_ms").asLong();
      heap = Math.max(heap, run.get("peak_heap_bytes").asLong());
      rss = Math.max(rss, run.get("peak_rss_bytes").asLong());
      latencyMax = Math.max(latencyMax, run.at("/latency_ms/max").asDouble());
      latencyCount += run.at("/latency_ms/count").asInt();
    }
    assertClose(seconds, summary.get("seconds").asDouble(), summary);
    assertClose(cpu, summary.get("cpu_seconds").asDouble(), summary);
    assertEquals(gcCount, summary.at("/gc/count").asLong());
    assertEquals(gcTime, summary.at("/gc/time_ms").asLong());
    assertEquals(heap, summary.get("peak_heap_bytes").asLong());
    assertEquals(rss, summary.get("peak_rss_bytes").asLong());
    assertEquals(latencyMax, summary.at("/latency_ms/max").asDouble(), 1e-9);
    assertEquals(latencyCount, summary.at("/latency_ms/count").asInt());
  }

  private static void assertClose(double expected, double actual, JsonNode where) {
    assertEquals(expected, actual, Math.max(1e-6, Math.abs(expected) * 1e-3), where.toString());
  }

  @Test
  void structureIsTheSameForTwoInvocations() throws IOException {
    Path json = work.resolve("first.json");
    CliRunner.Result first = bench(json);
    assertEquals(0, first.exitCode(), first.toString());
    // The second writes the report to stdout, and nothing else goes there.
    CliRunner.Result second = bench(null);
    assertEquals(0, second.exitCode(), second.toString());
    JsonNode a = read(json);
    JsonNode b = MAPPER.readTree(second.out());
    assertEquals(shape(a, ""), shape(b, ""));
    assertEquals(a.get("settings"), b.get("settings"));
    assertTrue(second.err().contains("latency ms: p50"), second.toString());
  }

  /** Every path in document order with its kind (number, text, null, ...), values left out. */
  private static List<String> shape(JsonNode n, String path) {
    List<String> out = new ArrayList<>();
    out.add(path + ":" + (n.isNumber() ? "number" : n.getNodeType().toString()));
    if (n.isObject()) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        out.addAll(shape(n.get(name), path + "/" + name));
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        out.addAll(shape(n.get(i), path + "/" + i));
      }
    }
    return out;
  }

  @Test
  void scoresTheLastRunAgainstGroundTruth() throws IOException {
    Path gt = Files.createDirectories(work.resolve("gt"));
    Files.writeString(gt.resolve("alpha.md"), "Alpha first page\n\nAlpha second page\n");
    Files.writeString(gt.resolve("bravo.md"), "Bravo only page\n");
    Files.writeString(gt.resolve("charlie.md"), "# Charlie\n\nCharlie in a folder\n");
    Path json = work.resolve("gt.json");
    long leftoversBefore = benchTempFolders();

    CliRunner.Result r = bench(json, "--ground-truth", gt);

    assertEquals(0, r.exitCode(), r.toString());
    JsonNode root = read(json);
    assertEquals(
        gt.toAbsolutePath().normalize().toString(), root.at("/settings/ground_truth").asText());
    JsonNode quality = root.get("quality");
    assertEquals(List.of("metrics", "documents"), keys(quality));
    assertEquals(3, quality.get("documents").size());
    assertEquals(3, quality.at("/metrics/document_count").asInt());
    assertEquals(0, quality.at("/metrics/missing_predictions").asInt());
    double overall = quality.at("/metrics/score/overall_mean").asDouble();
    assertTrue(overall > 0.5 && overall <= 1, quality.toString());
    assertEquals(1, quality.at("/metrics/mhs_count").asInt());
    assertTrue(r.out().contains("quality: overall"), r.toString());
    // The same scorer as `eval` on the same Markdown: the pdfbox engine is deterministic, so a
    // convert of the corpus scores the same.
    Path out = work.resolve("converted");
    assertEquals(
        0, CliRunner.run("convert", corpus, "--out", out, "--engine", "pdfbox").exitCode());
    Path evalJson = work.resolve("eval.json");
    CliRunner.Result eval =
        CliRunner.run("eval", "--ground-truth", gt, "--predictions", out, "--json-file", evalJson);
    assertEquals(0, eval.exitCode(), eval.toString());
    assertEquals(read(evalJson), quality);
    assertEquals(leftoversBefore, benchTempFolders(), "each pass deletes its temporary folder");
  }

  private static long benchTempFolders() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("convertalot-bench-")).count();
    }
  }

  @Test
  void aFailedDocumentIsCountedAndExitsOne() throws IOException {
    Path mixed = work.resolve("mixed");
    TestPdf.write(mixed.resolve("good.pdf"), "Good page");
    NotAPdf.randomBytes(mixed.resolve("bad.pdf"), 7);
    Path json = work.resolve("mixed.json");
    CliRunner.Result r =
        CliRunner.run(
            "bench",
            "--corpus",
            mixed,
            "--policy",
            "cpu_only",
            "--runs",
            2,
            "--warmup",
            0,
            "--json",
            json);
    assertEquals(1, r.exitCode(), r.toString());
    JsonNode root = read(json);
    assertEquals(2, root.at("/summary/failed").asInt());
    assertEquals(2, root.at("/summary/succeeded").asInt());
    assertEquals(2, root.at("/summary/latency_ms/count").asInt());
    assertEquals(4, root.at("/summary/wall_latency_ms/count").asInt());
    JsonNode failures = root.at("/runs/0/failures");
    assertEquals(1, failures.size());
    assertEquals("bad.pdf", failures.get(0).get("file").asText());
    assertEquals("invalid_input(not_a_pdf)", failures.get(0).get("error").asText());
    assertTrue(r.err().contains("failed bad.pdf invalid_input(not_a_pdf)"), r.toString());
  }

  @Test
  void missingCorpusIsAUsageError() {
    CliRunner.Result r = CliRunner.run("bench", "--runs", 1);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("Missing required option: '--corpus=DIR'"), r.toString());
    assertTrue(r.out().isEmpty(), r.toString());
  }

  @Test
  void emptyCorpusIsAUsageError() throws IOException {
    Path empty = Files.createDirectories(work.resolve("empty"));
    Files.writeString(empty.resolve("readme.txt"), "no pdf here");
    Path json = work.resolve("empty.json");
    CliRunner.Result r = CliRunner.run("bench", "--corpus", empty, "--json", json);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("no PDF files found in --corpus " + empty), r.toString());
    assertFalse(Files.exists(json), "no report for a usage error");
  }

  @Test
  void badCountsAndFoldersAreUsageErrors() throws IOException {
    assertTrue(usage("--corpus", corpus, "--runs", 0).contains("--runs must be between 1"));
    assertTrue(usage("--corpus", corpus, "--warmup", -1).contains("--warmup must be between 0"));
    assertTrue(usage("--corpus", corpus, "--workers", 0).contains("--workers must be between"));
    assertTrue(usage("--corpus", work.resolve("nope")).contains("--corpus not found"));
    Path file = Files.writeString(work.resolve("file.txt"), "x");
    assertTrue(usage("--corpus", file).contains("--corpus is not a folder"));
    assertTrue(
        usage("--corpus", corpus, "--ground-truth", file)
            .contains("--ground-truth is not a folder"));
    assertTrue(
        usage("--corpus", corpus, "--engine", "no-such-engine", "--runs", 1, "--warmup", 0)
            .contains("no-such-engine"));
  }

  private static String usage(Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = "bench";
    System.arraycopy(args, 0, all, 1, args.length);
    CliRunner.Result r = CliRunner.run(all);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.out().isEmpty(), r.toString());
    return r.err();
  }

  @Test
  void helpDocumentsTheReportFields() {
    CliRunner.Result r = CliRunner.run("bench", "--help");
    assertEquals(0, r.exitCode(), r.toString());
    for (String key : List.of("p50", "p95", "p99", "docs_per_second", "peak_heap_bytes")) {
      assertTrue(r.out().contains(key), key + " in " + r.out());
    }
    for (String key : List.of("peak_rss_bytes", "acceleration_used", "quality", "--warmup")) {
      assertTrue(r.out().contains(key), key + " in " + r.out());
    }
  }

  private static List<String> keys(JsonNode n) {
    List<String> keys = new ArrayList<>();
    n.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
