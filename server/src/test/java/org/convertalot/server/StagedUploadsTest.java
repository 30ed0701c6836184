package org.convertalot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobId;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.server.HttpCalls.Reply;
import org.convertalot.testkit.MutableClock;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload stays exactly as long as its job may read it, across server restarts too. */
class StagedUploadsTest {
  private static final String KEY = "uploads-key-0123456789abcdef";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.now());
  private LoopbackServer loopback;
  private ConversionRuntime runtime;
  private Path uploads;

  @BeforeEach
  void start() {
    loopback = LoopbackServer.start(dir, KEY, b -> b.clock(clock));
    runtime = loopback.runtime;
    uploads = dir.resolve("data").resolve("uploads");
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  private List<String> staged() throws IOException {
    try (Stream<Path> files = Files.list(uploads)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.contains("keys")).toList();
    }
  }

  /** Waits (bounded) for the server to delete the uploads of ended jobs, which it does after. */
  private void awaitNoUploads() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!staged().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(List.of(), staged(), "the uploads of ended jobs are deleted");
  }

  private JobId submitWhilePaused(HttpCalls calls, String text) throws Exception {
    Reply submitted = calls.upload("/v1/jobs", TestPdf.of(text), "policy", "cpu_only");
    assertEquals(202, submitted.status(), submitted.body());
    return JobId.of(submitted.json().get("id").asText());
  }

  @Test
  void anUploadStaysWhileItsJobMayReadItAndGoesWhenTheJobEnds() throws Exception {
    runtime.pause();
    JobId id = submitWhilePaused(new HttpCalls(loopback.server.uri(), KEY), "Kept until done");

    assertEquals(2, staged().size(), "the upload and its record: " + staged());
    runtime.resume();
    runtime.handle(id).result().get(30, TimeUnit.SECONDS);
    awaitNoUploads();
    assertEquals(JobState.SUCCEEDED, runtime.job(id).state());
  }

  @Test
  void aServerStartingAgainFinishesWhatItsPredecessorLeft() throws Exception {
    runtime.pause();
    JobId queued = submitWhilePaused(new HttpCalls(loopback.server.uri(), KEY), "Left queued");
    loopback.server.close();
    // A process killed between writing the record and submitting: no job id in it yet.
    Path unsubmitted = uploads.resolve("upload-unsubmitted.pdf");
    Files.write(unsubmitted, TestPdf.of("Never submitted"));
    Files.writeString(
        uploads.resolve("upload-unsubmitted.pdf.json"),
        "{\"policy\":\"cpu_only\",\"options\":{}}",
        StandardCharsets.UTF_8);
    // Killed while receiving: no record at all. An old one goes, a young one may be another
    // server's upload in progress and stays.
    Path oldOrphan = Files.write(uploads.resolve("upload-old.pdf"), new byte[] {1});
    Files.setLastModifiedTime(oldOrphan, FileTime.from(clock.instant().minus(Duration.ofHours(2))));
    Path youngOrphan = Files.write(uploads.resolve("upload-young.pdf"), new byte[] {2});

    try (ConversionServer again =
        ConversionServer.builder(runtime).apiKey(KEY).uploads(uploads).clock(clock).build()) {
      again.start();

      assertFalse(Files.exists(oldOrphan));
      assertTrue(Files.exists(youngOrphan));
      assertEquals(2, runtime.list(PageRequest.first()).jobs().size(), "the unsubmitted one too");
      Files.delete(youngOrphan);
      runtime.resume();
      runtime.handle(queued).result().get(30, TimeUnit.SECONDS);
      assertTrue(runtime.awaitIdle(Duration.ofSeconds(30)));
      awaitNoUploads();
    }
    for (var job : runtime.list(PageRequest.first()).jobs()) {
      assertEquals(JobState.SUCCEEDED, job.state(), job.toString());
    }
  }
}
