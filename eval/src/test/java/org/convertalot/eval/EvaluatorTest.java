package org.convertalot.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public API on small hand-made folders. */
class EvaluatorTest {
  private static final double EPS = 1e-12;

  @TempDir Path work;
  Path gt;
  Path pred;

  @BeforeEach
  void folders() throws IOException {
    gt = Files.createDirectories(work.resolve("gt"));
    pred = Files.createDirectories(work.resolve("pred"));
    Files.writeString(gt.resolve("a.md"), "# Title\n\nSome text.\n");
    Files.writeString(gt.resolve("b.md"), "| x | y |\n|---|---|\n| 1 | 2 |\n");
    Files.writeString(gt.resolve("c.md"), "Plain text only.\n");
    Files.writeString(gt.resolve("notes.txt"), "not a ground truth file");
  }

  @Test
  void scoresEveryGroundTruthDocumentAndTheMeans() throws IOException {
    Files.writeString(pred.resolve("a.md"), "# Title\r\n\r\nSome text.\r\n");
    Files.writeString(pred.resolve("c.md"), "Plain text only.\n");
    EvalReport report = Evaluator.create().evaluate(gt, pred);

    assertEquals(
        List.of("a", "b", "c"), report.documents().stream().map(DocumentScore::id).toList());
    DocumentScore a = report.documents().get(0);
    assertEquals(1.0, a.overall().getAsDouble(), EPS);
    assertEquals(1.0, a.mhs().getAsDouble(), EPS);
    assertTrue(a.teds().isEmpty());
    assertTrue(a.predictionAvailable());
    DocumentScore b = report.documents().get(1);
    assertFalse(b.predictionAvailable());
    assertEquals(0.0, b.teds().getAsDouble(), EPS);
    assertTrue(b.mhs().isEmpty());

    assertEquals(new Mean(OptionalDouble.of(2.0 / 3), 3), report.overall());
    assertEquals(3, report.nid().count());
    assertEquals(new Mean(OptionalDouble.of(0.0), 1), report.teds());
    assertEquals(new Mean(OptionalDouble.of(1.0), 1), report.mhs());
    assertEquals(1, report.missingPredictions());
    assertEquals(0, report.failedDocuments());
    assertTrue(report.toText().contains("overall 0.6667  mean over 3 documents"), report.toText());
  }

  @Test
  void findsPredictionsInTheNestedLayoutConvertWrites() throws IOException {
    Files.writeString(pred.resolve("a.md"), "# Title\n\nSome text.\n");
    Files.writeString(pred.resolve("c.md"), "Plain text\n");
    EvalReport flat = Evaluator.create().evaluate(gt, pred);

    Path nested = Files.createDirectories(work.resolve("nested"));
    Files.createDirectories(nested.resolve("2024/q1"));
    Files.writeString(nested.resolve("2024/q1/a.md"), "# Title\n\nSome text.\n");
    Files.createDirectories(nested.resolve("other"));
    Files.writeString(nested.resolve("other/c.md"), "Plain text\n");
    // convert's data folder holds artifacts of the same names; it is not searched.
    Files.createDirectories(nested.resolve(".convertalot/artifacts/x"));
    Files.writeString(nested.resolve(".convertalot/artifacts/x/b.md"), "| x | y |\n");
    Files.writeString(nested.resolve(".convertalot/a.md"), "stale");
    EvalReport report = Evaluator.create().evaluate(gt, nested);

    assertEquals(flat, report);
    assertEquals(flat.toJson(), report.toJson());
    assertEquals(1, report.missingPredictions());
  }

  @Test
  void twoPredictionsWithOneIdAreAnErrorNamingBoth() throws IOException {
    Files.createDirectories(pred.resolve("x"));
    Files.createDirectories(pred.resolve("y"));
    Files.writeString(pred.resolve("x/a.md"), "one");
    Files.writeString(pred.resolve("y/a.md"), "two");
    Files.writeString(pred.resolve("c.md"), "fine");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Evaluator.create().evaluate(gt, pred));
    assertTrue(e.getMessage().contains("2 predictions for document a"), e.getMessage());
    assertTrue(e.getMessage().contains(pred.resolve("x/a.md").toString()), e.getMessage());
    assertTrue(e.getMessage().contains(pred.resolve("y/a.md").toString()), e.getMessage());
    assertFalse(e.getMessage().contains("c.md"), e.getMessage());
  }

  @Test
  void duplicatesOfNamesWithoutGroundTruthDoNotMatter() throws IOException {
    Files.createDirectories(pred.resolve("x"));
    Files.writeString(pred.resolve("x/unrelated.md"), "one");
    Files.writeString(pred.resolve("unrelated.md"), "two");
    assertEquals(3, Evaluator.create().evaluate(gt, pred).documents().size());
  }

  @Test
  void onlyPredictedLeavesOutTheDocumentsWithoutAPrediction() throws IOException {
    Files.createDirectories(pred.resolve("sub"));
    Files.writeString(pred.resolve("sub/a.md"), "# Title\n\nSome text.\n");
    Files.writeString(pred.resolve("c.md"), "Plain text\n");
    Evaluator only = Evaluator.builder().onlyPredicted(true).build();
    assertTrue(only.onlyPredicted());
    assertFalse(Evaluator.create().onlyPredicted());
    EvalReport all = Evaluator.create().evaluate(gt, pred);
    EvalReport some = only.evaluate(gt, pred);

    assertEquals(List.of("a", "c"), some.documents().stream().map(DocumentScore::id).toList());
    assertEquals(List.of(all.documents().get(0), all.documents().get(2)), some.documents());
    assertEquals(0, some.missingPredictions());
    assertEquals(2, some.overall().count());
    assertEquals(new Mean(OptionalDouble.empty(), 0), some.teds()); // only b has a table
    assertEquals(3, all.overall().count());

    Path nothing = Files.createDirectories(work.resolve("nothing"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> only.evaluate(gt, nothing));
    assertEquals(
        "no ground truth document of " + gt + " has a prediction under " + nothing, e.getMessage());
    assertEquals(3, Evaluator.create().evaluate(gt, nothing).missingPredictions());
  }

  @Test
  void badFoldersAreClearErrors() throws IOException {
    Evaluator evaluator = Evaluator.create();
    IllegalArgumentException noGt =
        assertThrows(
            IllegalArgumentException.class, () -> evaluator.evaluate(work.resolve("nope"), pred));
    assertEquals("ground truth folder not found: " + work.resolve("nope"), noGt.getMessage());
    IllegalArgumentException noPred =
        assertThrows(
            IllegalArgumentException.class, () -> evaluator.evaluate(gt, work.resolve("nope")));
    assertEquals("predictions folder not found: " + work.resolve("nope"), noPred.getMessage());
    Path empty = Files.createDirectories(work.resolve("empty"));
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> evaluator.evaluate(empty, pred));
    assertEquals("no .md files in the ground truth folder: " + empty, none.getMessage());
    assertThrows(NullPointerException.class, () -> evaluator.evaluate(null, pred));
  }

  @Test
  void jsonIsShapedLikeTheBenchmarks() throws IOException {
    Files.writeString(pred.resolve("a.md"), "# Title\n\nSome text.\n");
    EvalReport report = Evaluator.create().evaluate(gt, pred);
    Path file = work.resolve("out/deeper/eval.json");
    report.writeJson(file);
    assertEquals(report.toJson(), Files.readString(file));

    JsonNode root = new ObjectMapper().readTree(report.toJson());
    assertEquals(
        List.of(
            "overall_mean",
            "nid_mean",
            "nid_s_mean",
            "teds_mean",
            "teds_s_mean",
            "mhs_mean",
            "mhs_s_mean"),
        fieldNames(root.at("/metrics/score")));
    assertEquals(
        List.of(
            "score",
            "document_count",
            "nid_count",
            "teds_count",
            "mhs_count",
            "missing_predictions",
            "failed_documents"),
        fieldNames(root.get("metrics")));
    assertEquals(3, root.at("/metrics/document_count").asInt());
    assertEquals(2, root.at("/metrics/missing_predictions").asInt());
    JsonNode b = root.get("documents").get(1);
    assertEquals(List.of("document_id", "scores", "prediction_available"), fieldNames(b));
    assertEquals(
        List.of("overall", "nid", "nid_s", "teds", "teds_s", "mhs", "mhs_s"),
        fieldNames(b.get("scores")));
    assertTrue(b.at("/scores/mhs").isNull());
    assertEquals(0.0, b.at("/scores/teds").asDouble(), EPS);
  }

  @Test
  void aMeanHasAValueExactlyWhenItIsOverSomeDocuments() {
    assertThrows(IllegalArgumentException.class, () -> new Mean(OptionalDouble.empty(), 2));
    assertThrows(IllegalArgumentException.class, () -> new Mean(OptionalDouble.of(1), 0));
    assertThrows(IllegalArgumentException.class, () -> new Mean(OptionalDouble.empty(), -1));
    assertEquals(new Mean(OptionalDouble.empty(), 0), new EvalReport(List.of()).overall());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
