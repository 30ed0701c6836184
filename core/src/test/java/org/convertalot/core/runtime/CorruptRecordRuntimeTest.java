package org.convertalot.core.runtime;

import static org.convertalot.core.testing.TestRuntimes.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.QuarantinedFile;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.error.ConversionException;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A QUEUED record garbled while a batch runs (issue 15, item 1): before, every claim failed with
 * {@code store_unavailable} and the batch never ended. Now the record is quarantined, the jobs
 * after it run, and its waiter learns at once that the job is gone.
 */
class CorruptRecordRuntimeTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aGarbledQueuedRecordIsIsolatedAndTheBatchEnds() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              firstStarted.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return BackendOutput.onCpu("# " + in.source().name() + "\n", 1);
            });
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, engine).workers(1).build()) {
      JobHandle first = runtime.submit(request("first.pdf"));
      assertTrue(firstStarted.await(30, TimeUnit.SECONDS));
      JobHandle garbled = runtime.submit(request("garbled.pdf"));
      JobHandle last = runtime.submit(request("last.pdf"));
      Path record = dir.resolve("data/jobs").resolve(garbled.id().value() + ".json");
      Files.writeString(record, "{\"format\":1,\"id\":\"" + garbled.id() + "\",\"st");
      release.countDown();

      assertEquals(1, first.result().get(30, TimeUnit.SECONDS).pages());
      assertEquals(1, last.result().get(30, TimeUnit.SECONDS).pages());
      ConversionException gone = failure(garbled);
      assertEquals("job_not_found", gone.code());
      assertEquals("record_gone", gone.details().get("reason"));
      assertTrue(runtime.awaitIdle(Duration.ofSeconds(30)));
      QuarantinedFile q = runtime.status().quarantined().get(0);
      assertEquals("jobs/" + garbled.id() + ".json", q.original());
      assertTrue(q.reason().startsWith("not JSON"), q.reason());
    }
  }

  private ConversionRequest request(String name) throws Exception {
    return ConversionRequest.builder(TestRuntimes.fakePdf(dir, name)).build();
  }
}
