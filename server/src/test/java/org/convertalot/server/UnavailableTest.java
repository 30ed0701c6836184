package org.convertalot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convertalot.server.HttpCalls.Reply;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 503s: no GPU for a job that requires one, and a store that cannot be read. */
class UnavailableTest {
  private static final String KEY = "unavailable-key-0123456789abcdef";

  @TempDir Path dir;
  private LoopbackServer loopback;
  private HttpCalls calls;

  @BeforeEach
  void start() {
    loopback = LoopbackServer.start(dir, KEY);
    calls = new HttpCalls(loopback.server.uri(), KEY);
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  @Test
  void aJobThatRequiresAGpuWhereThereIsNoneIsGpuNotAvailable() throws Exception {
    Reply submitted =
        calls.upload("/v1/jobs?wait=30", TestPdf.of("Needs a GPU"), "policy", "gpu_required");

    Reply answer =
        submitted.status() >= 400
            ? submitted
            : calls.get("/v1/jobs/" + submitted.json().get("id").asText() + "/result");
    assertEquals(503, answer.status(), submitted.body() + "\n" + answer.body());
    JsonNode error = answer.json().get("error");
    assertEquals("gpu_not_available", error.get("code").asText(), answer.body());
    assertEquals(
        "backend_gpu_runtime_unavailable",
        error.get("details").get("reason").asText(),
        answer.body());
  }

  @Test
  void aStoreThatCannotBeReadIsStoreUnavailableWithRetryAfter() throws Exception {
    Reply submitted = calls.upload("/v1/jobs?wait=30", TestPdf.of("Stored"), "policy", "cpu_only");
    String id = submitted.json().get("id").asText();
    // Its record becomes a folder: the store cannot read it (an I/O error, not a bad record).
    Path record;
    try (var files = Files.walk(dir.resolve("data").resolve("jobs"))) {
      record =
          files
              .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().contains(id))
              .findFirst()
              .orElseThrow();
    }
    Files.delete(record);
    Files.createDirectory(record);

    Reply ready = calls.get("/readyz");

    assertEquals(503, ready.status(), ready.body());
    assertEquals("store_unavailable", ready.json().at("/error/code").asText(), ready.body());
    assertEquals("5", ready.header("Retry-After"));
    assertTrue(ready.json().at("/error/retryable").asBoolean(), ready.body());
  }
}
