package org.convertalot.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convertalot.cli.CliRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convertalot eval} end to end, in-process. */
class EvalCommandTest {
  @TempDir Path work;
  Path gt;
  Path pred;

  @BeforeEach
  void folders() throws IOException {
    gt = Files.createDirectories(work.resolve("gt"));
    pred = Files.createDirectories(work.resolve("pred"));
    Files.writeString(gt.resolve("a.md"), "# Title\n\nSome text.\n");
    Files.writeString(pred.resolve("a.md"), "# Title\r\n\r\nSome text.\r\n");
    Files.writeString(gt.resolve("b.md"), "| x | y |\n|---|---|\n| 1 | 2 |\n");
    Files.writeString(gt.resolve("notes.txt"), "not a ground truth file");
  }

  @Test
  void printsPerDocumentScoresAndMeans() {
    CliRunner.Result r = CliRunner.run("eval", "--ground-truth", gt, "--predictions", pred);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("a  "), r.out());
    // a.md matches exactly (line endings are read as Python reads them): overall 1.
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("a ") && l.contains("1.0000")), r.out());
    // b.md has no prediction: NID 0 and TEDS 0, no MHS.
    assertTrue(
        r.out().lines().anyMatch(l -> l.startsWith("b ") && l.contains("(no prediction)")),
        r.out());
    assertTrue(r.out().contains("overall 0.5000  mean over 2 documents"), r.out());
    assertTrue(r.out().contains("TEDS    0.0000  mean over 1 documents"), r.out());
    assertTrue(r.out().contains("MHS     1.0000  mean over 1 documents"), r.out());
  }

  @Test
  void writesJsonShapedLikeTheBenchmarks() throws IOException {
    Path json = work.resolve("out/eval.json");
    CliRunner.Result r =
        CliRunner.run("eval", "--ground-truth", gt, "--predictions", pred, "--json-file", json);
    assertEquals(0, r.exitCode(), r.err());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(0.5, root.at("/metrics/score/overall_mean").asDouble(), 1e-12);
    assertEquals(0.5, root.at("/metrics/score/nid_mean").asDouble(), 1e-12);
    assertEquals(1, root.at("/metrics/teds_count").asInt());
    assertEquals(1, root.at("/metrics/missing_predictions").asInt());
    assertEquals(2, root.get("documents").size());
    JsonNode b = root.get("documents").get(1);
    assertEquals("b", b.get("document_id").asText());
    assertTrue(b.at("/scores/mhs").isNull());
    assertFalse(b.get("prediction_available").asBoolean());
  }

  @Test
  void jsonGoesToStdoutAndIsTheFilesJson() throws IOException {
    Path json = work.resolve("out/eval.json");
    CliRunner.Result r =
        CliRunner.run(
            "eval", "--ground-truth", gt, "--predictions", pred, "--json", "--json-file", json);
    assertEquals(0, r.exitCode(), r.err());
    ObjectMapper mapper = new ObjectMapper();
    JsonNode printed = mapper.readTree(r.out());
    assertEquals(0.5, printed.at("/metrics/score/overall_mean").asDouble(), 1e-12);
    assertEquals(mapper.readTree(json.toFile()), printed);
  }

  @Test
  void readsPredictionsInTheNestedLayoutConvertWrites() throws IOException {
    Path nested = Files.createDirectories(work.resolve("nested/reports/2024"));
    Files.writeString(nested.resolve("a.md"), "# Title\n\nSome text.\n");
    Path data = Files.createDirectories(work.resolve("nested/.convertalot/artifacts"));
    Files.writeString(data.resolve("b.md"), "| x | y |\n|---|---|\n| 1 | 2 |\n");
    CliRunner.Result flat = CliRunner.run("eval", "--ground-truth", gt, "--predictions", pred);
    CliRunner.Result r =
        CliRunner.run("eval", "--ground-truth", gt, "--predictions", work.resolve("nested"));
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(flat.out(), r.out());
  }

  @Test
  void twoPredictionsWithOneIdAreAUsageError() throws IOException {
    Files.writeString(Files.createDirectories(pred.resolve("sub")).resolve("a.md"), "again");
    CliRunner.Result r = CliRunner.run("eval", "--ground-truth", gt, "--predictions", pred);
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("2 predictions for document a"), r.err());
    assertTrue(r.err().contains(pred.resolve("a.md").toString()), r.err());
    assertTrue(r.err().contains(pred.resolve("sub/a.md").toString()), r.err());
    assertTrue(r.out().isEmpty(), r.out());
  }

  @Test
  void onlyPredictedScoresTheDocumentsWithAPrediction() throws IOException {
    CliRunner.Result r =
        CliRunner.run("eval", "--ground-truth", gt, "--predictions", pred, "--only-predicted");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("a ")), r.out());
    assertFalse(r.out().lines().anyMatch(l -> l.startsWith("b ")), r.out());
    assertTrue(r.out().contains("overall 1.0000  mean over 1 documents"), r.out());
    assertTrue(r.out().contains("TEDS    -  mean over 0 documents"), r.out());
    assertFalse(r.out().contains("missing predictions"), r.out());

    Path none = Files.createDirectories(work.resolve("none"));
    CliRunner.Result empty =
        CliRunner.run("eval", "--ground-truth", gt, "--predictions", none, "--only-predicted");
    assertEquals(2, empty.exitCode());
    assertTrue(empty.err().contains("has a prediction under"), empty.err());
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    assertEquals(2, CliRunner.run("eval", "--predictions", pred).exitCode());
    assertEquals(2, CliRunner.run("eval", "--ground-truth", gt).exitCode());
    CliRunner.Result missing =
        CliRunner.run("eval", "--ground-truth", work.resolve("nope"), "--predictions", pred);
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("ground truth folder not found"), missing.err());
    Path empty = Files.createDirectories(work.resolve("empty"));
    CliRunner.Result none = CliRunner.run("eval", "--ground-truth", empty, "--predictions", pred);
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("no .md files"), none.err());
    assertTrue(none.out().isEmpty());
  }
}
