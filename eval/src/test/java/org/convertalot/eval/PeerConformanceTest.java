package org.convertalot.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scorer's own acceptance test (quality-metrics.md): re-scoring every engine's published
 * predictions must reproduce the benchmark's published per-document scores, to 1e-6 for every
 * metric, except pymupdf4llm, whose stored scores predate a change and may differ by 0.005.
 */
class PeerConformanceTest {
  private static final double TOLERANCE = 1e-6;
  private static final double PYMUPDF4LLM_TOLERANCE = 0.005;

  private static final Map<String, Function<DocumentScore, OptionalDouble>> METRICS = metrics();

  private static Map<String, Function<DocumentScore, OptionalDouble>> metrics() {
    Map<String, Function<DocumentScore, OptionalDouble>> m = new LinkedHashMap<>();
    m.put("overall", DocumentScore::overall);
    m.put("nid", DocumentScore::nid);
    m.put("nid_s", DocumentScore::nidS);
    m.put("teds", DocumentScore::teds);
    m.put("teds_s", DocumentScore::tedsS);
    m.put("mhs", DocumentScore::mhs);
    m.put("mhs_s", DocumentScore::mhsS);
    return m;
  }

  private static final Path DEV =
      Path.of(System.getProperty("convertalot.bench.dir", "")).resolve("dpbench-dev");

  /** Stands in for the engines where the benchmark is absent, so that the skip shows. */
  private static final String NO_BENCH = "(no benchmark)";

  private static boolean benchPresent() {
    return Files.isDirectory(DEV.resolve("ground-truth"))
        && Files.isDirectory(DEV.resolve("peer-predictions"));
  }

  static Stream<String> engines() throws IOException {
    if (!benchPresent()) {
      return Stream.of(NO_BENCH);
    }
    List<String> names;
    try (Stream<Path> dirs = Files.list(DEV.resolve("peer-predictions"))) {
      names =
          dirs.filter(d -> Files.isRegularFile(d.resolve("published-evaluation.json")))
              .map(d -> d.getFileName().toString())
              .sorted()
              .toList();
    }
    assertFalse(names.isEmpty(), "no engine under " + DEV.resolve("peer-predictions"));
    return names.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void reproducesThePublishedScores(String engine) throws IOException {
    Assumptions.assumeTrue(benchPresent(), DEV + " not found: set convertalot.bench.dir");
    checkEngine(DEV.resolve("peer-predictions").resolve(engine));
  }

  private static void checkEngine(Path engine) throws IOException {
    String name = engine.getFileName().toString();
    double tolerance = name.equals("pymupdf4llm") ? PYMUPDF4LLM_TOLERANCE : TOLERANCE;
    JsonNode published =
        new ObjectMapper().readTree(engine.resolve("published-evaluation.json").toFile());
    Map<String, JsonNode> expected = new HashMap<>();
    for (JsonNode doc : published.get("documents")) {
      expected.put(doc.get("document_id").asText(), doc.get("scores"));
    }
    List<DocumentScore> scored =
        Evaluator.create().evaluate(DEV.resolve("ground-truth"), engine).documents();
    assertEquals(expected.keySet().size(), scored.size(), name + ": document count");

    Map<String, Double> maxDiff = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (DocumentScore doc : scored) {
      JsonNode want = expected.get(doc.id());
      assertTrue(want != null, name + ": " + doc.id() + " is not in the published scores");
      assertFalse(doc.failed(), name + ": " + doc.id() + " failed: " + doc.error());
      for (Map.Entry<String, Function<DocumentScore, OptionalDouble>> metric : METRICS.entrySet()) {
        JsonNode w = want.get(metric.getKey());
        OptionalDouble got = metric.getValue().apply(doc);
        if (w.isNull() || got.isEmpty()) {
          if (w.isNull() != got.isEmpty()) {
            failures.add(doc.id() + " " + metric.getKey() + ": " + got + " vs " + w);
          }
          continue;
        }
        double diff = Math.abs(w.asDouble() - got.getAsDouble());
        maxDiff.merge(metric.getKey(), diff, Math::max);
        if (diff > tolerance) {
          failures.add(doc.id() + " " + metric.getKey() + ": " + got + " vs " + w);
        }
      }
    }
    System.out.printf("conformance %s: max |diff| %s%n", name, maxDiff);
    assertTrue(failures.isEmpty(), name + " differs from its published scores: " + failures);
  }
}
