package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} on {@code cancel}, {@code worker}, {@code export} and {@code verify} prints one
 * JSON object on stdout, as on {@code submit} and {@code status}; {@code status} totals count every
 * job of the root, also those another process ran.
 */
class JsonOutputCommandsTest {
  @TempDir Path dir;

  @Test
  void everyQueueCommandPrintsJson() throws Exception {
    Path in = dir.resolve("in");
    TestPdf.write(in.resolve("good.pdf"), "page one", "page two");
    NotAPdf.randomBytes(in.resolve("bad.pdf"), 3);
    Path later = TestPdf.write(dir.resolve("later.pdf"), "canceled");
    Path root = dir.resolve("data");
    CliRunner.Result submit =
        CliRunner.run("submit", in, "--data-root", root, "--policy", "cpu_only", "--json");
    assertEquals(0, submit.exitCode(), submit.toString());
    CliRunner.Result submitLater =
        CliRunner.run("submit", later, "--data-root", root, "--policy", "cpu_only", "--json");
    String laterId = submitLater.json().get("jobs").get(0).get("job_id").asText();

    CliRunner.Result cancel = CliRunner.run("cancel", laterId, "--data-root", root, "--json");
    assertEquals(0, cancel.exitCode(), cancel.toString());
    assertEquals(laterId, cancel.json().get("job_id").asText());
    assertEquals("CANCELED", cancel.json().get("state").asText(), cancel.toString());

    CliRunner.Result worker =
        CliRunner.run(
            "worker", "--data-root", root, "--until-idle", "--workers", 1, "--quiet", "--json");
    assertEquals(0, worker.exitCode(), worker.toString());
    JsonNode ended = worker.json().get("ended");
    assertEquals(1, ended.get("succeeded").asInt(), worker.toString());
    assertEquals(1, ended.get("failed").asInt(), worker.toString());
    assertEquals(2, worker.json().get("jobs").size(), worker.toString());
    assertEquals(root.toAbsolutePath().toString(), worker.json().get("data_root").asText());

    Path out = dir.resolve("out");
    CliRunner.Result export = CliRunner.run("export", "--data-root", root, "--out", out, "--json");
    assertEquals(0, export.exitCode(), export.toString());
    assertEquals(1, export.json().get("exported").asInt(), export.toString());
    Path file = Path.of(export.json().get("files").get(0).get("file").asText());
    assertTrue(Files.isRegularFile(file), export.toString());
    assertEquals(0, export.json().get("not_exported").size());

    CliRunner.Result verify = CliRunner.run("verify", "--data-root", root, "--json");
    assertEquals(0, verify.exitCode(), verify.toString());
    assertTrue(verify.json().get("ok").asBoolean(), verify.toString());
    assertEquals(3, verify.json().get("jobs_checked").asInt(), verify.toString());
    assertEquals(1, verify.json().get("artifacts_checked").asInt(), verify.toString());

    // The worker was another runtime: status still counts what it did, from the records.
    CliRunner.Result status = CliRunner.run("status", "--data-root", root, "--json");
    assertEquals(0, status.exitCode(), status.toString());
    JsonNode totals = status.json().get("totals");
    assertEquals(3, totals.get("jobs").asInt(), status.toString());
    assertEquals(2, totals.get("pages_converted").asInt(), status.toString());
    assertEquals(1, totals.get("failures_by_code").get("invalid_input").asInt(), status.toString());
    CliRunner.Result text = CliRunner.run("status", "--data-root", root);
    assertTrue(text.out().contains("totals: 3 jobs"), text.toString());
    assertTrue(text.out().contains("failed by code: invalid_input 1"), text.toString());
  }
}
