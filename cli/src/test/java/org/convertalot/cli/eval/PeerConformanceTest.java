package org.convertalot.cli.eval;

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

  private static final Map<String, Function<DocumentScores, Double>> METRICS = metrics();

  private static Map<String, Function<DocumentScores, Double>> metrics() {
    Map<String, Function<DocumentScores, Double>> m = new LinkedHashMap<>();
    m.put("overall", DocumentScores::overall);
    m.put("nid", DocumentScores::nid);
    m.put("nid_s", DocumentScores::nidS);
    m.put("teds", DocumentScores::teds);
    m.put("teds_s", DocumentScores::tedsS);
    m.put("mhs", DocumentScores::mhs);
    m.put("mhs_s", DocumentScores::mhsS);
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
    List<DocumentScores> scored = Evaluator.evaluate(DEV.resolve("ground-truth"), engine);
    assertEquals(expected.keySet().size(), scored.size(), name + ": document count");

    Map<String, Double> maxDiff = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (DocumentScores doc : scored) {
      JsonNode want = expected.get(doc.documentId());
      assertTrue(want != null, name + ": " + doc.documentId() + " is not in the published scores");
      assertFalse(doc.failed(), name + ": " + doc.documentId() + " failed: " + doc.error());
      for (Map.Entry<String, Function<DocumentScores, Double>> metric : METRICS.entrySet()) {
        JsonNode w = want.get(metric.getKey());
        Double got = metric.getValue().apply(doc);
        if (w.isNull() || got == null) {
          if (w.isNull() != (got == null)) {
            failures.add(doc.documentId() + " " + metric.getKey() + ": " + got + " vs " + w);
          }
          continue;
        }
        double diff = Math.abs(w.asDouble() - got);
        maxDiff.merge(metric.getKey(), diff, Math::max);
        if (diff > tolerance) {
          failures.add(doc.documentId() + " " + metric.getKey() + ": " + got + " vs " + w);
        }
      }
    }
    System.out.printf("conformance %s: max |diff| %s%n", name, maxDiff);
    assertTrue(failures.isEmpty(), name + " differs from its published scores: " + failures);
  }
}
