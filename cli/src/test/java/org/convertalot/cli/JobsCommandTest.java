package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs list|show|retry|prune} in-process on a data root where {@code convert} left one
 * SUCCEEDED and one FAILED job: a user sees which failed and why, retries it, and prunes the root.
 */
class JobsCommandTest {
  @TempDir Path dir;

  private Path convertOneGoodAndOneBad() throws Exception {
    Path in = dir.resolve("in");
    TestPdf.write(in.resolve("good.pdf"), "a good page");
    NotAPdf.randomBytes(in.resolve("bad.pdf"), 7);
    Path out = dir.resolve("out");
    CliRunner.Result convert = CliRunner.run("convert", in, "--out", out, "--policy", "cpu_only");
    assertEquals(1, convert.exitCode(), convert.toString());
    return out.resolve(".convertalot");
  }

  private static List<String> states(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.get("jobs").forEach(j -> out.add(j.get("state").asText()));
    return out;
  }

  @Test
  void listShowRetryAndPruneTheFailedJob() throws Exception {
    Path root = convertOneGoodAndOneBad();

    CliRunner.Result all = CliRunner.run("jobs", "list", "--data-root", root, "--json");
    assertEquals(0, all.exitCode(), all.toString());
    assertEquals(2, all.json().get("count").asInt(), all.toString());

    CliRunner.Result failed =
        CliRunner.run("jobs", "list", "--data-root", root, "--state", "failed", "--json");
    assertEquals(0, failed.exitCode(), failed.toString());
    assertEquals(List.of("FAILED"), states(failed.json()), failed.toString());
    JsonNode job = failed.json().get("jobs").get(0);
    String failedId = job.get("id").asText();
    assertEquals("invalid_input", job.get("error").get("code").asText(), failed.toString());

    CliRunner.Result text = CliRunner.run("jobs", "list", "--data-root", root, "--state", "FAILED");
    assertEquals(0, text.exitCode(), text.toString());
    assertTrue(text.out().contains(failedId), text.toString());
    assertTrue(text.out().contains("invalid_input: "), text.toString());
    assertTrue(text.out().contains("bad.pdf"), text.toString());

    CliRunner.Result show = CliRunner.run("jobs", "show", failedId, "--data-root", root, "--json");
    assertEquals(0, show.exitCode(), show.toString());
    assertEquals("invalid_input", show.json().get("error").get("code").asText(), show.toString());
    assertTrue(show.json().get("error").get("details").has("reason"), show.toString());
    assertEquals(1, show.json().get("attempt").asInt(), show.toString());
    assertTrue(show.json().has("phase_timings_ms"), show.toString());
    CliRunner.Result showText = CliRunner.run("jobs", "show", failedId, "--data-root", root);
    assertTrue(showText.out().contains("error.code: invalid_input"), showText.toString());
    assertTrue(showText.out().contains("error.details.reason: "), showText.toString());

    String succeededId = null;
    for (JsonNode j : all.json().get("jobs")) {
      if (j.get("state").asText().equals("SUCCEEDED")) {
        succeededId = j.get("id").asText();
        assertTrue(j.has("manifest"), all.toString());
      }
    }
    CliRunner.Result notFailed = CliRunner.run("jobs", "retry", succeededId, "--data-root", root);
    assertEquals(1, notFailed.exitCode(), notFailed.toString());
    assertTrue(notFailed.err().contains("only FAILED and CANCELED"), notFailed.toString());

    CliRunner.Result retry =
        CliRunner.run("jobs", "retry", "--failed", "--data-root", root, "--json");
    assertEquals(0, retry.exitCode(), retry.toString());
    JsonNode retried = retry.json().get("jobs").get(0);
    assertEquals(failedId, retried.get("retried").asText(), retry.toString());
    assertTrue(retried.get("created").asBoolean(), retry.toString());
    String newId = retried.get("job_id").asText();
    assertFalse(newId.equals(failedId), retry.toString());
    CliRunner.Result again = CliRunner.run("jobs", "retry", failedId, "--data-root", root);
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.out().contains(newId + "  existing"), again.toString());

    // QUEUED (the retry) is never pruned; the FAILED job is, with --state failed only it.
    CliRunner.Result pruneFailed =
        CliRunner.run(
            "jobs",
            "prune",
            "--older-than",
            "0s",
            "--state",
            "failed",
            "--data-root",
            root,
            "--json");
    assertEquals(0, pruneFailed.exitCode(), pruneFailed.toString());
    assertEquals(1, pruneFailed.json().get("pruned").asLong(), pruneFailed.toString());
    CliRunner.Result after = CliRunner.run("jobs", "list", "--data-root", root, "--json");
    assertEquals(List.of("QUEUED", "SUCCEEDED"), states(after.json()), after.toString());

    CliRunner.Result young =
        CliRunner.run("jobs", "prune", "--older-than", "1d", "--data-root", root);
    assertEquals(0, young.exitCode(), young.toString());
    assertTrue(young.out().startsWith("pruned 0 jobs"), young.toString());
    CliRunner.Result pruneAll =
        CliRunner.run("jobs", "prune", "--older-than", "PT0S", "--data-root", root);
    assertEquals(0, pruneAll.exitCode(), pruneAll.toString());
    assertTrue(pruneAll.out().startsWith("pruned 1 job "), pruneAll.toString());
    CliRunner.Result left = CliRunner.run("jobs", "list", "--data-root", root, "--json");
    assertEquals(List.of("QUEUED"), states(left.json()), left.toString());
    assertEquals(
        0,
        CliRunner.run("verify", "--data-root", root).exitCode(),
        "the root verifies after pruning");
    try (var artifacts = Files.list(root.resolve("artifacts"))) {
      assertEquals(0, artifacts.count(), "the pruned job's artifacts are gone");
    }
  }

  @Test
  void aRetryOfAJobWhoseSourceIsGoneSaysSo() throws Exception {
    Path root = convertOneGoodAndOneBad();
    Files.delete(dir.resolve("in").resolve("bad.pdf"));
    CliRunner.Result retry = CliRunner.run("jobs", "retry", "--failed", "--data-root", root);
    assertEquals(1, retry.exitCode(), retry.toString());
    assertTrue(retry.err().contains("the store keeps no copy"), retry.toString());
    assertTrue(retry.err().contains("bad.pdf"), retry.toString());
  }

  @Test
  void badArgumentsAreUsageErrors() throws Exception {
    Path root = convertOneGoodAndOneBad();
    assertEquals(2, CliRunner.run("jobs").exitCode());
    assertEquals(2, CliRunner.run("jobs", "retry", "--data-root", root).exitCode());
    assertEquals(
        2, CliRunner.run("jobs", "list", "--data-root", root, "--state", "done").exitCode());
    assertEquals(2, CliRunner.run("jobs", "prune", "--data-root", root).exitCode());
    CliRunner.Result running =
        CliRunner.run(
            "jobs", "prune", "--older-than", "1d", "--state", "running", "--data-root", root);
    assertEquals(2, running.exitCode(), running.toString());
    assertEquals(
        2, CliRunner.run("jobs", "prune", "--older-than", "soon", "--data-root", root).exitCode());
    assertEquals(2, CliRunner.run("jobs", "show", "not-an-id", "--data-root", root).exitCode());
    assertEquals(
        1, CliRunner.run("jobs", "show", "0".repeat(25) + "1", "--data-root", root).exitCode());
  }
}
