package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --log-format json} on the real jar: every log line is one JSON object, the runtime's lines
 * about a job carry its {@code job_id} and {@code run_id}, and no text-format line remains.
 */
class LogFormatIT {
  @TempDir Path dir;

  @Test
  void everyLogLineIsAJsonObjectWithTheJobsIds() throws Exception {
    Path docs = dir.resolve("docs");
    TestPdf.write(docs.resolve("a.pdf"), "Logged as JSON");
    // A file that fails: the runtime logs its failure, about that job.
    java.nio.file.Files.writeString(docs.resolve("b.pdf"), "not a pdf");

    Processes.Started run =
        Processes.cli(
            dir.resolve("logs"),
            "convert",
            docs,
            "--out",
            dir.resolve("out"),
            "--policy",
            "cpu_only",
            "-v",
            "--log-format",
            "json");

    assertEquals(1, run.await(2), run.err());
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> logs = new ArrayList<>();
    for (String line : run.err().split("\n")) {
      assertFalse(line.startsWith("SLF4J"), line);
      if (line.startsWith("{")) {
        logs.add(json.readTree(line));
      } else {
        assertFalse(line.contains(" INFO ") || line.contains(" WARN "), "a text log line: " + line);
      }
    }
    assertFalse(logs.isEmpty(), run.err());
    for (JsonNode log : logs) {
      assertTrue(log.has("ts") && log.has("level") && log.has("logger") && log.has("message"));
    }
    assertTrue(
        logs.stream().anyMatch(l -> l.hasNonNull("job_id") && l.hasNonNull("run_id")), run.err());
  }

  @Test
  void anUnknownFormatIsAUsageError() throws Exception {
    Processes.Started run = Processes.cli(dir.resolve("logs"), "status", "--log-format", "xml");

    assertEquals(2, run.await(2), run.err());
    assertTrue(run.err().contains("--log-format is text or json"), run.err());
  }
}
