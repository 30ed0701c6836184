package org.convertalot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convertalot.api.JobId;
import org.convertalot.server.HttpCalls.Reply;
import org.convertalot.testkit.MutableClock;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload is submitted as a stream: the runtime holds the only copy (in its sources folder) until
 * the job ends, and the server keeps nothing of it past the request, across restarts too.
 */
class UploadFilesTest {
  private static final String KEY = "uploads-key-0123456789abcdef";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.now());
  private LoopbackServer loopback;
  private HttpCalls calls;
  private Path uploads;
  private Path copies;

  @BeforeEach
  void start() {
    startServer();
    uploads = dir.resolve("data").resolve("uploads");
    copies = dir.resolve("data").resolve("sources");
  }

  private void startServer() {
    loopback = LoopbackServer.start(dir, KEY, b -> b.clock(clock));
    calls = new HttpCalls(loopback.server.uri(), KEY);
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  private static List<String> files(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Waits (bounded) for the runtime to delete the copies of ended jobs, then checks both. */
  private void assertNothingLeft() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!files(copies).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(List.of(), files(copies), "the runtime deletes the copy of an ended job");
    assertEquals(List.of(), files(uploads), "the server keeps nothing of an upload");
  }

  /** Several pages: over Jetty's 1 KiB in memory, so that the part is spooled to a file. */
  private static byte[] pdf(String text) {
    return TestPdf.of(text, text + " again", text + " once more");
  }

  private JobId submitQueued(String fileName, byte[] pdf) throws Exception {
    loopback.runtime.pause();
    Reply submitted = calls.uploadNamed("/v1/jobs", Map.of(), fileName, pdf, "policy", "cpu_only");
    assertEquals(202, submitted.status(), submitted.body());
    return JobId.of(submitted.json().get("id").asText());
  }

  @Test
  void whileTheJobWaitsOnlyTheRuntimeHoldsTheUploadAndNothingRemainsOnceItEnds() throws Exception {
    byte[] pdf = pdf("Held by the runtime");
    JobId id = submitQueued("q1.pdf", pdf);

    assertEquals(List.of(), files(uploads), "Jetty's spooled part is deleted with its request");
    assertEquals(1, files(copies).size(), "the runtime's copy: " + files(copies));
    Reply listed = calls.get("/v1/jobs");
    assertEquals(id.value(), listed.json().at("/jobs/0/id").asText());
    assertEquals("q1.pdf", listed.json().at("/jobs/0/source/name").asText());
    assertEquals(pdf.length, listed.json().at("/jobs/0/source/size").asLong());
    assertTrue(pdf.length > 1024, "spooled by Jetty: " + pdf.length);

    loopback.runtime.resume();
    loopback.runtime.handle(id).result().get(30, TimeUnit.SECONDS);
    assertNothingLeft();
  }

  @Test
  void aServerStartedAgainOnTheSameDataRootAnswersTheJobAndLeavesNoStrayFiles() throws Exception {
    JobId id = submitQueued("left-queued.pdf", pdf("Left queued"));
    loopback.close();
    // Parts Jetty spooled for requests a killed server was receiving: an old one goes; a young one
    // may be another server's request in progress, and stays.
    Path old = Files.write(uploads.resolve("MultiPart1234567890"), new byte[] {1});
    Files.setLastModifiedTime(old, FileTime.from(clock.instant().minus(Duration.ofHours(2))));
    Path young = Files.write(uploads.resolve("MultiPart0987654321"), new byte[] {2});
    Files.setLastModifiedTime(young, FileTime.from(clock.instant()));

    startServer();
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(young));
    Files.delete(young);
    loopback.runtime.handle(id).result().get(30, TimeUnit.SECONDS);

    Reply job = calls.get("/v1/jobs/" + id.value());
    assertEquals("SUCCEEDED", job.json().get("state").asText(), job.body());
    assertEquals("left-queued.pdf", job.json().at("/source/name").asText());
    Reply result = calls.get("/v1/jobs/" + id.value() + "/result");
    assertEquals(200, result.status(), result.body());
    assertTrue(result.body().contains("Left queued"), result.body());
    assertNothingLeft();
  }

  @Test
  void theSourceGoesByTheClientsFileNameOrUploadPdfWhenItHasNoUsableOne() throws Exception {
    Map<String, String> expected =
        Map.of(
            "reports/2024/Q1 report.pdf", "Q1 report.pdf",
            "C:\\Users\\me\\memo.pdf", "memo.pdf",
            "..", "upload.pdf",
            "", "upload.pdf");
    int n = 0;
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Reply done =
          calls.uploadNamed(
              "/v1/jobs?wait=30", Map.of(), e.getKey(), pdf("Named " + n++), "policy", "cpu_only");
      assertEquals(200, done.status(), done.body());
      assertEquals(e.getValue(), done.json().at("/source/name").asText(), e.getKey());
    }
    Reply unnamed = calls.uploadNamed("/v1/jobs?wait=30", Map.of(), null, pdf("Unnamed"));
    assertEquals(200, unnamed.status(), unnamed.body());
    assertEquals("upload.pdf", unnamed.json().at("/source/name").asText());
    assertNothingLeft();
  }
}
